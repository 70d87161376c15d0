package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakesmith.core.invocation.CurateOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, an independent Parquet reader, sees the same rows, instants and partitions. */
class DuckDbReadbackTest {
  @TempDir Path tmp;

  @Test
  void duckDbReadsTheSameRowsInstantsAndPartitions() throws Exception {
    EventsFixture raw = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(raw);
    Path out = tmp.resolve("out");
    new CurateRun(SparkTestSession.get(), new PrintStream(new ByteArrayOutputStream(), true))
        .run(
            new CurateOptions(
                "events",
                Optional.of(raw.root().toString()),
                Optional.of(out.toString()),
                Optional.of("2023-06"),
                Optional.empty(),
                List.of(),
                List.of("lakesmith.datasets.events.max-bad-fraction=0.5")));

    List<String> rows = new ArrayList<>();
    String typeOfTstamp;
    List<String> withStatistics = new ArrayList<>();
    List<String> withDictionary = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      sql.execute("SET TimeZone = 'Pacific/Auckland'");
      String source =
          "read_parquet('" + out.resolve("events") + "/**/*.parquet', hive_partitioning = true)";
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT name, epoch_us(tstamp) AS us, d FROM " + source + " ORDER BY 1, 2")) {
        while (rs.next()) {
          long micros = rs.getLong("us");
          Instant instant =
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
          rows.add(rs.getString("name") + "|" + instant + "|" + rs.getString("d"));
        }
      }
      try (ResultSet rs = sql.executeQuery("SELECT typeof(tstamp) FROM " + source + " LIMIT 1")) {
        rs.next();
        typeOfTstamp = rs.getString(1);
      }
      try (ResultSet rs =
          sql.executeQuery(
              "SELECT path_in_schema, bool_or(stats_max IS NOT NULL),"
                  + " bool_or(encodings LIKE '%DICTIONARY%') FROM parquet_metadata('"
                  + out.resolve("events")
                  + "/**/*.parquet') GROUP BY 1 ORDER BY 1")) {
        while (rs.next()) {
          if (rs.getBoolean(2)) {
            withStatistics.add(rs.getString(1));
          }
          if (rs.getBoolean(3)) {
            withDictionary.add(rs.getString(1));
          }
        }
      }
    }
    assertEquals(KnownTruthEvents.JUNE_ROWS, rows.stream().sorted().toList());
    assertEquals("TIMESTAMP WITH TIME ZONE", typeOfTstamp);
    // payload and payload_md5 are declared opaque: no dictionary, no min/max statistics; source
    // paths keep their dictionary but have no statistics.
    assertEquals(List.of("_ingested_at", "_run_id", "tstamp"), withStatistics);
    assertEquals(List.of("_ingested_at", "_run_id", "_source_file"), withDictionary);
  }
}
