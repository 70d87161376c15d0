package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.samples.SampleDataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hospital_results, heart_rate and health_metrics curated from generated raw input. */
class FileFormatDatasetsTest {
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  static RunManifest curate(
      SparkSession spark, String dataset, Path raw, Path out, String slice, String... overrides) {
    return new CurateRun(spark, new PrintStream(new ByteArrayOutputStream(), true))
        .run(
            new CurateOptions(
                dataset,
                Optional.of(raw.toString()),
                Optional.of(out.toString()),
                Optional.ofNullable(slice),
                Optional.empty(),
                List.of(),
                List.of(overrides)));
  }

  private static void assertCounts(SampleDataGenerator.Truth truth, RunManifest manifest) {
    assertEquals(RunManifest.SUCCEEDED, manifest.status());
    assertEquals(truth.read(), manifest.counts().read(), "read");
    assertEquals(truth.quarantined(), manifest.counts().quarantined(), "quarantined");
    assertEquals(truth.duplicates(), manifest.counts().duplicatesDropped(), "duplicates");
    assertEquals(truth.written(), manifest.counts().writtenNew(), "written");
    assertTrue(manifest.accountingIdentityHolds());
  }

  @Test
  void hospitalResultsFromCsvWithAndWithoutPreambleAndAvro() throws Exception {
    Path raw = tmp.resolve("raw");
    SampleDataGenerator.Truth truth = SampleDataGenerator.hospitalResults(raw);
    Path out = tmp.resolve("out");
    RunManifest manifest = curate(spark, "hospital_results", raw, out, null);
    assertCounts(truth, manifest);
    assertTrue(
        manifest
            .quarantineReasons()
            .get(0)
            .reason()
            .startsWith("CSV row has 202 fields, the header has 201"),
        manifest.quarantineReasons().toString());

    List<Row> rows =
        spark.read().parquet(out.resolve("hospital_results").toString()).collectAsList();
    assertEquals(truth.written(), rows.size());
    assertEquals(
        Map.of("st_marys", 144L, "auckland_city", 142L, "northside", 144L, "lakeview", 144L),
        rows.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    r -> (String) r.getAs("hospital"), java.util.stream.Collectors.counting())));

    // st_marys (preamble, Asia/Kolkata): test 0 of August started 2019/8/3 7:0:28 local.
    Instant started =
        LocalDateTime.of(2019, 8, 3, 7, 0, 28).atZone(ZoneId.of("Asia/Kolkata")).toInstant();
    List<Row> test =
        rows.stream()
            .filter(
                r ->
                    r.getAs("hospital").equals("st_marys")
                        && r.getAs("test_started_at").equals(started))
            .sorted(java.util.Comparator.comparing(r -> (Instant) r.getAs("collected_at")))
            .toList();
    assertEquals(24, test.size());
    Row first = test.get(0);
    assertEquals(started, first.getAs("collected_at"));
    assertEquals("2019-08-03", first.getAs("d").toString().substring(0, 10));
    // The corrected re-issue (reported 12 days later) replaced the first sample's WBC ch1 value.
    assertEquals(
        LocalDateTime.of(2019, 8, 4, 3, 0, 28)
            .plusDays(12)
            .atZone(ZoneId.of("Asia/Kolkata"))
            .toInstant(),
        first.getAs("reported_at"));
    scala.collection.Map<String, Double> results = first.getAs("results");
    assertEquals(4.2, results.apply("wbc_10_3_ul_ch1"));
    assertTrue(results.size() > 150 && results.size() <= 200, "results " + results.size());
    assertTrue(first.getAs("_source_file").toString().endsWith("_corrected.csv.gz"));

    // lakeview (Avro, Europe/Berlin): same columns from the writer's schema.
    Row avro =
        rows.stream()
            .filter(r -> r.getAs("hospital").equals("lakeview"))
            .filter(
                r ->
                    r.getAs("test_started_at")
                        .equals(
                            LocalDateTime.of(2019, 8, 3, 7, 0, 28)
                                .atZone(ZoneId.of("Europe/Berlin"))
                                .toInstant()))
            .findFirst()
            .orElseThrow();
    assertTrue(avro.getAs("_source_file").toString().endsWith(".avro"));
    scala.collection.Map<String, Double> avroResults = avro.getAs("results");
    assertTrue(avroResults.contains("hb_g_dl_ch1"), avroResults.keySet().toString());

    assertRerunKeepsTheSameRows("hospital_results", raw, out, null);

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "SELECT count(*), count(DISTINCT hospital), max(results['wbc_10_3_ul_ch1'])"
                    + " FROM read_parquet('"
                    + out.resolve("hospital_results")
                    + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      assertEquals(truth.written(), rs.getLong(1));
      assertEquals(4, rs.getLong(2));
      assertTrue(rs.getDouble(3) > 0);
    }
  }

  @Test
  void heartRateSessionsFromFolderPathsCollapseRedeliveries() throws Exception {
    Path raw = tmp.resolve("raw");
    SampleDataGenerator.Truth truth = SampleDataGenerator.heartRate(raw);
    Path out = tmp.resolve("out");
    RunManifest manifest = curate(spark, "heart_rate", raw, out, "2025-07");
    assertCounts(truth, manifest);
    List<Row> rows = spark.read().parquet(out.resolve("heart_rate").toString()).collectAsList();
    assertEquals(9, rows.stream().map(r -> r.getAs("session")).distinct().count());
    // Session folder 2025/07/16/session_00-10-00 is 2025-07-15T18:40Z: its readings are on the
    // 15th (UTC) although they arrived in the 16th's folder.
    List<Row> midnight =
        rows.stream().filter(r -> r.getAs("session").equals("2025-07-16_00-10-00")).toList();
    assertEquals(240, midnight.size());
    for (Row r : midnight) {
      Instant at = r.getAs("measured_at");
      assertTrue(
          !at.isBefore(Instant.parse("2025-07-15T18:40:00Z"))
              && at.isBefore(Instant.parse("2025-07-15T18:45:00Z")),
          at.toString());
      assertEquals("2025-07-15", r.getAs("d").toString());
    }
    assertTrue(
        manifest.quarantineReasons().stream()
            .anyMatch(r -> r.reason().startsWith("missing required field 'heart_rate'")),
        manifest.quarantineReasons().toString());

    RunManifest day = curate(spark, "heart_rate", raw, tmp.resolve("day"), "2025-07-14");
    assertEquals(3 * 240 + 80, day.counts().read());
  }

  @Test
  void healthMetricsExplodedFromNestedExportsLatestExportWins() throws Exception {
    Path raw = tmp.resolve("raw");
    SampleDataGenerator.Truth truth = SampleDataGenerator.healthMetrics(raw);
    Path out = tmp.resolve("out");
    RunManifest manifest = curate(spark, "health_metrics", raw, out, "2025-10");
    assertCounts(truth, manifest);
    List<Row> rows = spark.read().parquet(out.resolve("health_metrics").toString()).collectAsList();
    Row first =
        rows.stream()
            .filter(r -> r.getAs("metric").equals("heart_rate"))
            .filter(r -> r.getAs("recorded_at").equals(Instant.parse("2025-10-07T11:00:07Z")))
            .findFirst()
            .orElseThrow();
    assertEquals("count/min", first.getAs("units"));
    assertEquals("Watch", first.getAs("source"));
    assertTrue(
        first.getAs("_source_file").toString().endsWith("HealthAutoExport-20251011-234510.json"));
    assertEquals("2025-10-07", first.getAs("d").toString());

    assertRerunKeepsTheSameRows("health_metrics", raw, out, "2025-10");
  }

  /**
   * latest-ingested: a re-sent copy equal to the curated row does not replace it, so a rerun keeps
   * every row (lineage included) and rewrites no file.
   */
  private void assertRerunKeepsTheSameRows(String dataset, Path raw, Path out, String slice)
      throws Exception {
    List<String> before = CuratedTable.fullRows(spark, out.resolve(dataset));
    java.util.Map<String, String> filesBefore = CuratedTable.files(out.resolve(dataset));
    RunManifest again = curate(spark, dataset, raw, out, slice);
    assertTrue(again.accountingIdentityHolds());
    assertEquals(0, again.counts().writtenNew());
    assertEquals(0, again.counts().replacedExisting());
    assertTrue(again.partitions().isEmpty());
    assertEquals(before, CuratedTable.fullRows(spark, out.resolve(dataset)));
    assertEquals(filesBefore, CuratedTable.files(out.resolve(dataset)));
  }
}
