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
 * @param curatedRows rows of every touched partition after dedupe (counts of {@code curated})
 * @param stored the stored rankings both are read from, released by {@link #release()}
 */
public record DedupeResult(
    Dataset<Row> curated,
    Dataset<Row> survivors,
    List<PartitionDelta> changed,
    Map<Map<String, String>, Long> curatedRows,
    long duplicatesDropped,
    long writtenNew,
    long replacedExisting,
    List<Dataset<Row>> stored) {

  public DedupeResult {
    changed = List.copyOf(changed);
    curatedRows = Map.copyOf(curatedRows);
    stored = List.copyOf(stored);
  }

  /** Frees the stored rankings. */
  public void release() {
    stored.forEach(rows -> rows.unpersist(false));
  }

  /** Rows of one partition after dedupe and how many of them this run brings. */
  public record PartitionDelta(Map<String, String> values, long rows, long newRows) {}
}
