package dev.lakesmith.jobs.dedupe;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outcome of deduplication.
 *
 * @param survivors every row of the changed partitions after dedupe (new and already curated)
 * @param changed partitions whose content differs from what is curated; only these are rewritten
 */
public record DedupeResult(
    Dataset<Row> survivors,
    List<PartitionDelta> changed,
    long duplicatesDropped,
    long writtenNew,
    long replacedExisting) {

  /** Rows of one partition after dedupe and how many of them this run brings. */
  public record PartitionDelta(Map<String, String> values, long rows, long newRows) {}
}
