package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * What a crash or a race must never change about an events output: the rows per partition, no row
 * twice, nothing in the table's tree but table data, no run left unfinished, and an independent
 * reader (DuckDB over {@code events/**}{@code /*.parquet}) seeing exactly those rows.
 */
public record TableState(Map<String, Long> rowsPerPartition, List<String> rows) {

  /** Reads the table with DuckDB, checking on the way that it holds nothing else. */
  public static TableState of(Path output) throws IOException, SQLException {
    Path table = output.resolve("events");
    try (Stream<Path> walk = Files.walk(table)) {
      for (Path path : walk.filter(p -> !p.equals(table)).toList()) {
        String name = path.getFileName().toString();
        boolean tableFile =
            Files.isDirectory(path)
                ? name.contains("=") && !name.startsWith(".") && !name.startsWith("_")
                : name.startsWith("part-") && name.endsWith(".parquet")
                    || name.startsWith(".part-") && name.endsWith(".parquet.crc");
        assertTrue(tableFile, "not table data inside the table: " + table.relativize(path));
      }
    }
    Map<String, Long> partitions = new TreeMap<>();
    List<String> rows = new ArrayList<>();
    String scan =
        "read_parquet('"
            + table
            + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      try (ResultSet r =
          sql.executeQuery(
              "SELECT name, d, count(*) FROM " + scan + " GROUP BY name, d ORDER BY name, d")) {
        while (r.next()) {
          partitions.put(r.getString(1) + "/" + r.getString(2), r.getLong(3));
        }
      }
      try (ResultSet r =
          sql.executeQuery(
              "SELECT name, epoch_us(tstamp), payload_md5, count(*) FROM "
                  + scan
                  + " GROUP BY ALL ORDER BY ALL")) {
        while (r.next()) {
          assertEquals(1, r.getLong(4), "row twice in the table: " + r.getString(1));
          rows.add(r.getString(1) + "|" + r.getLong(2) + "|" + r.getString(3));
        }
      }
    }
    return new TableState(partitions, rows);
  }

  /** No run of the dataset is left RUNNING or PUBLISHING, no staging and no lease remain. */
  public static void assertSettled(Path output) throws IOException {
    Path staging = output.resolve("_staging/events");
    if (Files.exists(staging)) {
      try (Stream<Path> runs = Files.list(staging)) {
        assertEquals(List.of(), runs.toList(), "staging left behind");
      }
    }
    assertFalse(Files.exists(output.resolve("_leases/events.json")), "lease not released");
    try (Stream<Path> manifests = Files.list(output.resolve("_runs/events"))) {
      for (Path file : manifests.filter(p -> p.toString().endsWith(".json")).toList()) {
        String status =
            ManifestWriter.read(new Configuration(), file.toString())
                .map(RunManifest::status)
                .orElseThrow();
        assertTrue(
            status.equals(RunManifest.SUCCEEDED) || status.equals(RunManifest.FAILED),
            file.getFileName() + " left " + status);
      }
    }
  }
}
