package dev.lakesmith.jobs.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;

/**
 * Spark SQL statements in the Hive dialect, so that the table Glue or a Hive metastore holds is a
 * plain external Parquet table Athena, Trino and Hive read too (not a Spark-only datasource table).
 */
final class HiveDdl {
  private HiveDdl() {}

  static String createDatabase(String database) {
    return "CREATE DATABASE IF NOT EXISTS " + quote(database);
  }

  static String createTable(String table, TableSchema schema, String location) {
    return "CREATE EXTERNAL TABLE IF NOT EXISTS "
        + table
        + " ("
        + columns(schema.dataColumns())
        + ") PARTITIONED BY ("
        + schema.partitionColumns().stream()
            .map(c -> quote(c) + " STRING")
            .collect(Collectors.joining(", "))
        + ") STORED AS PARQUET LOCATION "
        + literal(location);
  }

  static String addColumns(String table, Map<String, DataType> columns) {
    return "ALTER TABLE " + table + " ADD COLUMNS (" + columns(columns) + ")";
  }

  /** One statement per batch of partitions; each partition is its values and its location. */
  static List<String> addPartitions(
      String table, List<String> partitionBy, List<Partition> partitions, int batch) {
    List<String> statements = new ArrayList<>();
    for (int from = 0; from < partitions.size(); from += batch) {
      StringBuilder sql = new StringBuilder("ALTER TABLE " + table + " ADD IF NOT EXISTS");
      for (Partition partition :
          partitions.subList(from, Math.min(from + batch, partitions.size()))) {
        sql.append(" PARTITION (")
            .append(
                partitionBy.stream()
                    .map(c -> quote(c) + " = " + literal(partition.values().get(c)))
                    .collect(Collectors.joining(", ")))
            .append(") LOCATION ")
            .append(literal(partition.location()));
      }
      statements.add(sql.toString());
    }
    return statements;
  }

  static String qualified(String database, String table) {
    return quote(database) + "." + quote(table);
  }

  private static String columns(Map<String, DataType> columns) {
    return columns.entrySet().stream()
        .map(c -> quote(c.getKey()) + " " + c.getValue().sql())
        .collect(Collectors.joining(", "));
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A partition to register: its column values and its directory. */
  record Partition(Map<String, String> values, String location) {}
}
