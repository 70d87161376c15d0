package dev.lakesmith.jobs.dedupe;

import static org.apache.spark.sql.functions.col;

import dev.lakesmith.jobs.read.ParsedSchema;
import dev.lakesmith.jobs.read.SourceFiles;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every row read in a run, clustered by partition and ranked within the batch, stored once so
 * counting, quarantine, dedupe against curated rows and the write all read it instead of reading
 * the raw files again.
 *
 * @param rows parsed rows plus {@code _rank} (1 = the batch's best per key)
 * @param sourceFiles the paths of the rows' file ids
 * @param badReasons quarantined rows by full reason text (the manifest groups them by kind)
 * @param partitions the partitions the good rows touch, with their row counts
 */
public record RankedBatch(
    Dataset<Row> rows,
    SourceFiles sourceFiles,
    long read,
    long bad,
    Map<String, Long> badReasons,
    List<BatchPartition> partitions) {

  public RankedBatch {
    badReasons = Map.copyOf(badReasons);
    partitions = List.copyOf(partitions);
  }

  /** The quarantined rows, with their file paths. */
  public Dataset<Row> quarantined() {
    return sourceFiles.withPaths(rows.filter(col(ParsedSchema.REASON).isNotNull()));
  }

  public List<Map<String, String>> touched() {
    return partitions.stream().map(BatchPartition::values).toList();
  }

  /**
   * One partition's share of the batch.
   *
   * @param rows good rows of the batch in the partition
   * @param best rows that are the batch's best for their key (the rest are batch duplicates)
   */
  public record BatchPartition(Map<String, String> values, long rows, long best) {}
}
