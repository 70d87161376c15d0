package dev.lakesmith.jobs.catalog;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.CatalogSettings;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Column;
import org.apache.spark.sql.types.DataType;

/**
 * Publishes one curate run in the catalog: database and external table if missing, new columns when
 * the files grew some, and the partitions the run wrote (no crawler, no MSCK REPAIR). The catalog
 * follows the table: when the table is new to the catalog (a recreated metastore, a new Glue
 * database) every partition on storage is registered, not only this run's; once registered, only
 * the run's partitions are added, without listing the table. Every statement is idempotent, so a
 * repeat changes nothing.
 */
public final class CatalogRegistrar {
  private final SparkSession spark;
  private final CatalogSettings settings;

  public CatalogRegistrar(SparkSession spark, CatalogSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public Registration register(String table, List<String> partitionBy, RunManifest manifest) {
    String qualified = HiveDdl.qualified(settings.database(), table);
    String name = settings.database() + "." + table;
    String location = manifest.outputs().table();
    spark.sql(HiveDdl.createDatabase(settings.database()));
    boolean exists = spark.catalog().tableExists(settings.database(), table);
    if (exists) {
      checkSameTable(table, partitionBy, location);
    }
    List<HiveDdl.Partition> ofRun =
        manifest.partitions().stream()
            .map(p -> new HiveDdl.Partition(p.values(), p.path()))
            .toList();
    TablePartitions storage =
        new TablePartitions(spark.sparkContext().hadoopConfiguration(), location, partitionBy);
    TablePartitions.Selection selected = exists ? storage.stillThere(ofRun) : storage.all(ofRun);
    List<HiveDdl.Partition> partitions = selected.register();
    Set<Map<String, String>> runValues =
        ofRun.stream().map(HiveDdl.Partition::values).collect(Collectors.toSet());
    int recovered = (int) partitions.stream().filter(p -> !runValues.contains(p.values())).count();
    List<String> goneNames = selected.gone().stream().map(p -> name(partitionBy, p)).toList();
    if (partitions.isEmpty()) {
      return new Registration(name, false, Map.of(), 0, 0, goneNames, exists);
    }
    TableSchema schema =
        TableSchema.of(
            spark,
            location,
            partitions.stream().map(HiveDdl.Partition::location).toList(),
            partitionBy);
    Map<String, DataType> added = Map.of();
    if (!exists) {
      spark.sql(HiveDdl.createTable(qualified, schema, location));
    } else {
      Map<String, DataType> registered = dataColumns(name);
      List<String> changed = schema.typeChanges(registered);
      if (!changed.isEmpty()) {
        throw JobFailure.input(
            "table "
                + name
                + ": run "
                + manifest.runId()
                + " wrote columns whose type changed ("
                + String.join(", ", changed)
                + "); the catalog cannot change a column's type in place, rewrite the table"
                + " or rename the column");
      }
      added = schema.missingFrom(registered);
      if (!added.isEmpty()) {
        spark.sql(HiveDdl.addColumns(qualified, added));
      }
    }
    HiveDdl.addPartitions(qualified, partitionBy, partitions, settings.partitionBatch())
        .forEach(spark::sql);
    return new Registration(name, !exists, added, partitions.size(), recovered, goneNames, true);
  }

  private static String name(List<String> partitionBy, HiveDdl.Partition partition) {
    return partitionBy.stream()
        .map(c -> c + "=" + partition.values().get(c))
        .collect(Collectors.joining("/"));
  }

  private Map<String, DataType> dataColumns(String name) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (Column column : columns(name)) {
      if (!column.isPartition()) {
        columns.put(column.name(), DataType.fromDDL(column.dataType()));
      }
    }
    return columns;
  }

  private List<Column> columns(String name) {
    try {
      return spark.catalog().listColumns(name).collectAsList();
    } catch (AnalysisException e) {
      throw JobFailure.input("cannot read the columns of table " + name + ": " + e.getMessage());
    }
  }

  /** A table of the same name over other files or partitions is a mistake, not something to fix. */
  private void checkSameTable(String table, List<String> partitionBy, String location) {
    String name = settings.database() + "." + table;
    List<String> registered =
        columns(name).stream().filter(Column::isPartition).map(Column::name).toList();
    if (!registered.equals(partitionBy)) {
      throw JobFailure.config(
          "table "
              + name
              + " is partitioned by "
              + registered
              + " but the dataset's partition-by is "
              + partitionBy
              + "; drop the table or use another lakesmith.catalog.database");
    }
    URI at =
        spark
            .sessionState()
            .catalog()
            .externalCatalog()
            .getTable(settings.database(), table)
            .location();
    if (!qualify(at.toString()).equals(qualify(location))) {
      throw JobFailure.config(
          "table "
              + name
              + " is registered at "
              + at
              + ", not at "
              + location
              + "; use another lakesmith.catalog.database for this output");
    }
  }

  private String qualify(String location) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
          .makeQualified(path)
          .toString();
    } catch (IOException e) {
      throw JobFailure.input("cannot resolve table location " + location + ": " + e.getMessage());
    }
  }

  /**
   * What one registration did.
   *
   * @param partitions partitions registered (each added unless already there): for a table new to
   *     the catalog every partition on storage, else those the run wrote
   * @param recovered of {@code partitions}, those found on storage that the run did not write
   * @param missing partitions the run wrote that are no longer on storage (not registered), as
   *     {@code col=value/...}
   * @param tableExists false only when nothing was registered and no table was there to begin with
   */
  public record Registration(
      String table,
      boolean created,
      Map<String, DataType> addedColumns,
      int partitions,
      int recovered,
      List<String> missing,
      boolean tableExists) {
    public Registration {
      addedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(addedColumns));
      missing = List.copyOf(missing);
    }
  }
}
