package dev.lakesmith.jobs.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.read.ParsedSchema;
import dev.lakesmith.jobs.table.Lineage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes rejected records to {@code <output>/_quarantine/<dataset>/run_id=<id>/} as JSON lines
 * (reason, source file, position in the file, raw text) so they can be inspected and replayed.
 *
 * <p>Raw records are often personal data, so the files get the configured private mode. The
 * dataset's quarantine directory is made private before Spark writes into it: Spark creates files
 * with the default umask, and a directory others cannot enter hides them until their own mode is
 * set. File systems without POSIX permissions (S3) ignore both.
 */
public final class QuarantineWriter {
  private static final int TOP_REASONS = 20;

  private QuarantineWriter() {}

  public static String path(String output, String dataset, String runId) {
    return OutputLayout.quarantine(output, dataset, runId);
  }

  /** As {@link #write(Dataset, String, String, QuarantineSettings)} with the default file mode. */
  public static void write(Dataset<Row> bad, String path, String runId) {
    write(bad, path, runId, QuarantineSettings.DEFAULT);
  }

  public static void write(
      Dataset<Row> bad, String path, String runId, QuarantineSettings settings) {
    Path runDir = new Path(path);
    FileSystem fs = fileSystem(bad, runDir);
    FsPermission dirMode = new FsPermission((short) settings.directoryMode());
    try {
      fs.mkdirs(runDir.getParent(), dirMode);
      fs.setPermission(runDir.getParent(), dirMode);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create quarantine directory " + path, e);
    }
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
    try {
      fs.setPermission(runDir, dirMode);
      FsPermission fileMode = new FsPermission((short) settings.fileMode());
      for (FileStatus file : fs.listStatus(runDir)) {
        fs.setPermission(file.getPath(), file.isDirectory() ? dirMode : fileMode);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict access to quarantine files in " + path, e);
    }
  }

  private static FileSystem fileSystem(Dataset<Row> bad, Path path) {
    try {
      return path.getFileSystem(bad.sparkSession().sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the quarantine location " + path, e);
    }
  }

  /**
   * Quarantined rows counted by reason kind ({@link QuarantineReason#kindOf}), most frequent first
   * (ties by kind), each with its most frequent full reason as the example. Past {@value
   * #TOP_REASONS} kinds the rest are summed in one entry, so the counts always add up to the rows
   * quarantined.
   *
   * @param countsByReason rows per full reason text
   */
  public static List<RunManifest.ReasonCount> topReasons(Map<String, Long> countsByReason) {
    Map<String, Long> countByKind = new HashMap<>();
    Map<String, Map.Entry<String, Long>> exampleByKind = new HashMap<>();
    Comparator<Map.Entry<String, Long>> frequentFirst =
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey());
    for (Map.Entry<String, Long> reason : countsByReason.entrySet()) {
      String kind = QuarantineReason.kindOf(QuarantineReason.truncate(reason.getKey()));
      countByKind.merge(kind, reason.getValue(), Long::sum);
      exampleByKind.merge(kind, reason, (a, b) -> frequentFirst.compare(a, b) <= 0 ? a : b);
    }
    List<Map.Entry<String, Long>> kinds = new ArrayList<>(countByKind.entrySet());
    kinds.sort(frequentFirst);
    List<RunManifest.ReasonCount> top = new ArrayList<>();
    for (Map.Entry<String, Long> kind : kinds.subList(0, Math.min(TOP_REASONS, kinds.size()))) {
      top.add(
          new RunManifest.ReasonCount(
              kind.getKey(),
              kind.getValue(),
              QuarantineReason.truncate(exampleByKind.get(kind.getKey()).getKey())));
    }
    if (kinds.size() > TOP_REASONS) {
      List<Map.Entry<String, Long>> rest = kinds.subList(TOP_REASONS, kinds.size());
      top.add(
          new RunManifest.ReasonCount(
              "other reasons (" + rest.size() + " kinds)",
              rest.stream().mapToLong(Map.Entry::getValue).sum(),
              QuarantineReason.truncate(exampleByKind.get(rest.get(0).getKey()).getKey())));
    }
    return List.copyOf(top);
  }
}
