package dev.lakesmith.jobs.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lakesmith.jobs.manifest.RunManifest;
import dev.lakesmith.jobs.read.ParsedSchema;
import dev.lakesmith.jobs.write.Lineage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes rejected records to {@code <output>/_quarantine/<dataset>/run_id=<id>/} as JSON lines
 * (reason, source file, position in the file, raw text) so they can be inspected and replayed.
 */
public final class QuarantineWriter {
  private static final int TOP_REASONS = 20;

  private QuarantineWriter() {}

  public static String path(String output, String dataset, String runId) {
    return output + "/_quarantine/" + dataset + "/run_id=" + runId;
  }

  public static void write(Dataset<Row> bad, String path, String runId) {
    bad.select(
            col(ParsedSchema.REASON).as("reason"),
            col(Lineage.SOURCE_FILE).as("source_file"),
            col(ParsedSchema.RECORD_INDEX).as("record_index"),
            col(ParsedSchema.RAW).as("raw"),
            lit(runId).as("run_id"))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .json(path);
  }

  /** The most frequent reasons, most frequent first (ties by reason). */
  public static List<RunManifest.ReasonCount> topReasons(Map<String, Long> countsByReason) {
    return countsByReason.entrySet().stream()
        .map(e -> new RunManifest.ReasonCount(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingLong(RunManifest.ReasonCount::count)
                .reversed()
                .thenComparing(RunManifest.ReasonCount::reason))
        .limit(TOP_REASONS)
        .toList();
  }
}
