package dev.lakesmith.jobs.table;

import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Lineage columns every curated row carries. */
public final class Lineage {
  public static final String SOURCE_FILE = "_source_file";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RUN_ID = "_run_id";

  private Lineage() {}

  /**
   * The run's lineage values, the same on every row it writes: added to the rows that survive the
   * batch's own dedupe rather than carried through its shuffle, sort and store.
   */
  public record Stamp(Instant ingestedAt, String runId) {
    public Dataset<Row> on(Dataset<Row> rows) {
      return rows.withColumn(INGESTED_AT, lit(ingestedAt)).withColumn(RUN_ID, lit(runId));
    }
  }
}
