package dev.lakesmith.jobs;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.CatalogSettings;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.config.PublishSettings;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.jobs.iceberg.IcebergCatalog;
import dev.lakesmith.jobs.iceberg.IcebergTable;
import dev.lakesmith.jobs.publish.RunRecords;
import dev.lakesmith.jobs.publish.TableLease;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;

/**
 * The Iceberg table a whole-table command (rollback, maintain) acts on: the dataset checked to be
 * an Iceberg table, its output root and catalog, and the work done under the dataset's lease so no
 * curate run writes meanwhile.
 */
record IcebergTarget(
    LakesmithConfig config, DatasetConfig dataset, String root, IcebergTable table) {

  /** Opens the target of {@code command}; a Parquet dataset is a configuration error. */
  static IcebergTarget open(SparkSession spark, DatasetArguments target, String command) {
    LakesmithConfig config = ConfigLoader.load(target.confFiles, target.overrides);
    DatasetConfig ds = config.dataset(target.dataset);
    ds.notIcebergFor(command)
        .ifPresent(
            why -> {
              throw JobFailure.config(why);
            });
    String root = OutputLayout.trim(target.output == null ? config.output() : target.output);
    IcebergTable table =
        new IcebergTable(
            spark,
            IcebergCatalog.configure(spark, root, CatalogSettings.from(config.source()).database()),
            ds);
    return new IcebergTarget(config, ds, root, table);
  }

  /** When the oldest curate run still writing this dataset started, if one is. */
  Optional<Instant> oldestLiveRun(SparkSession spark) {
    try {
      return RunRecords.oldestLiveStart(
          spark.sparkContext().hadoopConfiguration(), root, dataset.name());
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot list the running runs of dataset '" + dataset.name() + "': " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} on the loaded table while {@code holder} holds the dataset's lease. */
  <T> T underLease(SparkSession spark, String holder, PrintStream out, Function<Table, T> work) {
    try (TableLease lease =
        TableLease.acquire(
            spark.sparkContext().hadoopConfiguration(),
            root,
            dataset.name(),
            holder,
            PublishSettings.from(config.source()),
            out)) {
      Table iceberg =
          table
              .load()
              .orElseThrow(
                  () ->
                      JobFailure.input(
                          "Iceberg table "
                              + table.sparkName()
                              + " does not exist; curate the dataset first"));
      lease.checkHeld();
      return work.apply(iceberg);
    }
  }
}
