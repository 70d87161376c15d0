package dev.lakesmith.jobs.write;

import static org.apache.spark.sql.functions.col;

import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.WriteSettings;
import dev.lakesmith.jobs.dedupe.DedupeResult;
import dev.lakesmith.jobs.table.Lineage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the rows of the changed partitions into the run's staging folder, laid out like the table;
 * publishing moves them in afterwards. Rows arrive clustered by partition, so each partition is
 * written by one task into few files, sorted by event time.
 */
public final class PartitionWriter {
  private PartitionWriter() {}

  public static void write(
      DedupeResult result, String staging, DatasetConfig dataset, WriteSettings settings) {
    if (result.changed().isEmpty()) {
      return;
    }
    List<Column> order = new ArrayList<>();
    SparkSession spark = result.survivors().sparkSession();
    if (!concurrentWriters(spark)) {
      dataset.partitionBy().forEach(name -> order.add(col(name)));
    }
    order.add(col(dataset.eventTime()));
    Dataset<Row> rows = result.survivors().sortWithinPartitions(order.toArray(Column[]::new));
    // Source paths share a long prefix, so their min/max cost long comparisons and prune nothing;
    // the dictionary stays (few distinct paths per file, lookups by path stay cheap).
    DataFrameWriter<Row> writer =
        rows.write().option("parquet.column.statistics.enabled#" + Lineage.SOURCE_FILE, false);
    for (ColumnSpec column : dataset.columns()) {
      if (column.opaque()) {
        writer
            .option("parquet.enable.dictionary#" + column.name(), false)
            .option("parquet.column.statistics.enabled#" + column.name(), false);
      }
    }
    writer
        .mode(SaveMode.Overwrite)
        .option("compression", settings.compression())
        .option("maxRecordsPerFile", settings.maxRecordsPerFile())
        .option("parquet.block.size", settings.rowGroupBytes())
        .partitionBy(dataset.partitionBy().toArray(String[]::new))
        .parquet(staging);
  }

  /**
   * With concurrent output writers, a task keeps one file open per partition it holds, so rows need
   * no sort by partition: a sort by event time alone (one long column, radix-sorted) is enough.
   */
  private static boolean concurrentWriters(SparkSession spark) {
    return Integer.parseInt(spark.conf().get("spark.sql.maxConcurrentOutputFileWriters", "0")) > 0;
  }
}
