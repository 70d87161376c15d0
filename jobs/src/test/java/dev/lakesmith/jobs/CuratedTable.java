package dev.lakesmith.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a curated table back for assertions. */
final class CuratedTable {
  private CuratedTable() {}

  /** Rows as name|instant|d, sorted. */
  static List<String> rows(SparkSession spark, Path table) {
    return spark.read().parquet(table.toString()).collectAsList().stream()
        .map(r -> r.getAs("name") + "|" + ((Instant) r.getAs("tstamp")) + "|" + r.getAs("d"))
        .sorted()
        .toList();
  }

  /** Every column of every row (lineage included), sorted, as text. */
  static List<String> fullRows(SparkSession spark, Path table) {
    return spark.read().parquet(table.toString()).collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  /** Data files per partition directory (relative path -> file names and modification times). */
  static Map<String, String> files(Path table) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(table)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        files.put(
            table.relativize(file).toString(), String.valueOf(Files.getLastModifiedTime(file)));
      }
    }
    return files;
  }
}
