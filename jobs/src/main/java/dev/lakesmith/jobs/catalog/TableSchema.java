package dev.lakesmith.jobs.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table's columns as the run's Parquet files declare them (footers only, merged across the
 * written partitions so a column added by this run shows up), with the partition columns as
 * strings, in partition order.
 *
 * @param dataColumns column name to type, in file order
 */
public record TableSchema(Map<String, DataType> dataColumns, List<String> partitionColumns) {

  public TableSchema {
    dataColumns = Collections.unmodifiableMap(new LinkedHashMap<>(dataColumns));
    partitionColumns = List.copyOf(partitionColumns);
  }

  public static TableSchema of(
      SparkSession spark, String tableRoot, List<String> partitionPaths, List<String> partitionBy) {
    StructType files =
        spark
            .read()
            .option("basePath", tableRoot)
            .option("mergeSchema", "true")
            .parquet(partitionPaths.toArray(String[]::new))
            .schema();
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (StructField field : files.fields()) {
      if (!partitionBy.contains(field.name())) {
        columns.put(field.name(), field.dataType());
      }
    }
    return new TableSchema(columns, partitionBy);
  }

  /** Columns of this schema that {@code registered} lacks, in file order. */
  public Map<String, DataType> missingFrom(Map<String, DataType> registered) {
    Map<String, DataType> missing = new LinkedHashMap<>();
    dataColumns.forEach(
        (name, type) -> {
          if (!registered.containsKey(name)) {
            missing.put(name, type);
          }
        });
    return missing;
  }

  /** Columns whose type in the files differs from the registered one, as "name WAS -> NOW". */
  public List<String> typeChanges(Map<String, DataType> registered) {
    List<String> changes = new ArrayList<>();
    dataColumns.forEach(
        (name, type) -> {
          DataType before = registered.get(name);
          if (before != null && !before.catalogString().equals(type.catalogString())) {
            changes.add(name + " " + before.sql() + " -> " + type.sql());
          }
        });
    return changes;
  }
}
