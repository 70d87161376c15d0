package dev.lakesmith.jobs.dedupe;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outcome of deduplication.
 *
 * @param curated every row of every touched partition after dedupe: the table's content there
 * @param survivors the rows of the changed partitions (a subset of {@code curated})
 * @param changed partitions whose content differs from what is curated; only these are rewritten
 * @param cached the cached ranking both are read from, released by {@link #release()}
 */
public record DedupeResult(
    Dataset<Row> curated,
    Dataset<Row> survivors,
    List<PartitionDelta> changed,
    long duplicatesDropped,
    long writtenNew,
    long replacedExisting,
    Dataset<Row> cached) {

  public void release() {
    cached.unpersist();
  }

  /** Rows of one partition after dedupe and how many of them this run brings. */
  public record PartitionDelta(Map<String, String> values, long rows, long newRows) {}
}
