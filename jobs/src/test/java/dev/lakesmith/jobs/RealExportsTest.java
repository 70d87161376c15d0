package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.samples.RawWriters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shapes real exports have and our samples did not: every record read is counted somewhere. */
class RealExportsTest {
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** {@code n} heart-rate points a minute apart from 2025-10-09 08:00 +1300. */
  static String points(int n, int from) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int minute = from + i;
      json.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  "{\"date\":\"2025-10-09 %02d:%02d:00 +1300\",\"qty\":%d,\"source\":\"Watch\"}",
                  8 + minute / 60, minute % 60, 60 + i % 40));
    }
    return json.toString();
  }

  static Map<String, Long> rowsPerPartition(List<Row> rows, String... columns) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                r ->
                    java.util.Arrays.stream(columns)
                        .map(c -> c + "=" + r.getAs(c))
                        .collect(Collectors.joining("/")),
                TreeMap::new,
                Collectors.counting()));
  }

  @Test
  void aMetricWhoseDataIsNotAnArrayHidesNoOtherMetric() throws IOException {
    Path raw = tmp.resolve("raw");
    write(
        raw.resolve("auto_export/2025/10/09/HealthAutoExport-20251009-234510.json"),
        "{\"data\":{\"metrics\":["
            + "{\"name\":\"heart_rate\",\"units\":\"count/min\",\"data\":["
            + points(100, 0)
            + "]},{\"name\":\"sleep_analysis\",\"units\":\"hr\",\"data\":{\"asleep\":7}},"
            + "42,"
            + "{\"name\":\"respiratory_rate\",\"units\":\"count/min\",\"data\":["
            + points(45, 0)
            + "]}]}}");
    RunManifest manifest =
        FileFormatDatasetsTest.curate(
            spark,
            "health_metrics",
            raw,
            tmp.resolve("out"),
            "2025-10",
            "lakesmith.datasets.health_metrics.max-bad-fraction=0.5");
    assertEquals(147, manifest.counts().read());
    assertEquals(2, manifest.counts().quarantined());
    assertEquals(145, manifest.counts().writtenNew());
    assertEquals(
        Map.of("metric=heart_rate/d=2025-10-08", 100L, "metric=respiratory_rate/d=2025-10-08", 45L),
        rowsPerPartition(
            spark.read().parquet(tmp.resolve("out/health_metrics").toString()).collectAsList(),
            "metric",
            "d"));
  }

  @Test
  void hospitalExportWithExtraPreamblePaddedHeaderAndCensoredValuesKeepsEveryRow()
      throws IOException {
    Path raw = tmp.resolve("raw");
    String preamble =
        "PatientID,P100300,,,,\r\nPatientBirthDate,1961/3/4,,,,\r\nWard,ICU-3,,,,\r\n"
            + "TestDate,2019/8/3,,,,\r\nTestTime,7:0:28,,,,\r\nReportedAt,2019/8/4 3:0:28,,,,\r\n";
    write(
        raw.resolve("exports/st_marys/2019-08/st_marys_20190803_0.csv"),
        preamble
            + "Clock,WBC ch1,Hb ch1,K ch1,,\r\n"
            + "1564795828000,4.5,12.5,4.1,,\r\n"
            + "1564795858000,<0.01,NEG,4.2,,\r\n"
            + "1564795888000,5.5,13.5,>500,,\r\n");
    write(
        raw.resolve("exports/harbour_view/2019-08/harbour_view_20190803_0.csv"),
        preamble + "Clock,WBC ch1,Hb ch1,K ch1\r\n1564795828000,4.5,12.5,4.1\r\n");
    RunManifest manifest =
        FileFormatDatasetsTest.curate(
            spark,
            "hospital_results",
            raw,
            tmp.resolve("out"),
            "2019-08",
            "lakesmith.datasets.hospital_results.zone-from.zones.harbour_view=Pacific/Fiji");
    assertEquals(4, manifest.counts().read());
    assertEquals(0, manifest.counts().quarantined());
    assertEquals(4, manifest.counts().writtenNew());
    List<Row> rows =
        spark.read().parquet(tmp.resolve("out/hospital_results").toString()).collectAsList();
    assertEquals(
        Map.of("hospital=harbour_view/d=2019-08-03", 1L, "hospital=st_marys/d=2019-08-03", 3L),
        rowsPerPartition(rows, "hospital", "d"));
    Map<String, String> byClock = new TreeMap<>();
    for (Row row : rows) {
      byClock.put(
          row.getAs("hospital") + " " + row.getAs("collected_at"),
          row.getAs("test_started_at")
              + " "
              + new TreeMap<>(
                  scala.jdk.javaapi.CollectionConverters.asJava(
                      row.<scala.collection.Map<String, Double>>getAs("results")))
              + " "
              + new TreeMap<>(
                  scala.jdk.javaapi.CollectionConverters.asJava(
                      row.<scala.collection.Map<String, String>>getAs("results_text"))));
    }
    assertEquals(
        Map.of(
            "harbour_view 2019-08-03T01:30:28Z",
            "2019-08-02T19:00:28Z {hb_ch1=12.5, k_ch1=4.1, wbc_ch1=4.5} {}",
            "st_marys 2019-08-03T01:30:28Z",
            "2019-08-03T01:30:28Z {hb_ch1=12.5, k_ch1=4.1, wbc_ch1=4.5} {}",
            "st_marys 2019-08-03T01:30:58Z",
            "2019-08-03T01:30:28Z {hb_ch1=null, k_ch1=4.2, wbc_ch1=null}"
                + " {hb_ch1=NEG, wbc_ch1=<0.01}",
            "st_marys 2019-08-03T01:31:28Z",
            "2019-08-03T01:30:28Z {hb_ch1=13.5, k_ch1=null, wbc_ch1=5.5} {k_ch1=>500}"),
        byClock);
  }

  private static long micros(String instant) {
    java.time.Instant at = java.time.Instant.parse(instant);
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }

  private static Path modified(Path file, String instant) throws IOException {
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.from(java.time.Instant.parse(instant)));
    return file;
  }

  @Test
  void firehoseNamedTypedParquetIsReadAndARedeliveryInTheNextSessionIsADuplicate()
      throws IOException {
    Path raw = tmp.resolve("raw");
    Path first = raw.resolve("heart_rate_data/2025/07/15/session_09-30-15");
    Path next = raw.resolve("heart_rate_data/2025/07/15/session_09-31-15");
    List<RawWriters.TypedReading> readings =
        List.of(
            new RawWriters.TypedReading(micros("2025-07-15T04:00:15.000001Z"), 70),
            new RawWriters.TypedReading(micros("2025-07-15T04:00:16Z"), 71),
            new RawWriters.TypedReading(micros("2025-07-15T04:00:17Z"), 72));
    modified(
        RawWriters.typedHeartRateParquet(
            first.resolve(
                "lakesmith-hr-1-2025-07-15-04-00-15-0a1b2c3d-0000-4000-8000-000000000001.parquet"),
            true,
            readings),
        "2025-07-15T04:00:20Z");
    List<RawWriters.TypedReading> resent = new java.util.ArrayList<>(readings);
    resent.add(new RawWriters.TypedReading(micros("2025-07-15T04:01:00Z"), 80));
    modified(
        RawWriters.typedHeartRateParquet(
            next.resolve(
                "lakesmith-hr-1-2025-07-15-04-01-15-0a1b2c3d-0000-4000-8000-000000000002.parquet"),
            true,
            resent),
        "2025-07-15T04:01:20Z");
    // Wall-clock micros (TIMESTAMP_NTZ): 09:33 in source-zone.
    modified(
        RawWriters.typedHeartRateParquet(
            next.resolve(
                "lakesmith-hr-1-2025-07-15-04-01-16-0a1b2c3d-0000-4000-8000-000000000003.parquet"),
            false,
            List.of(new RawWriters.TypedReading(micros("2025-07-15T09:33:00Z"), 82))),
        "2025-07-15T04:01:21Z");
    modified(
        RawWriters.heartRateParquet(
            next.resolve("part-00000.snappy.parquet"),
            List.of(new RawWriters.Reading("2025-07-15T09:32:00.5", 81))),
        "2025-07-15T04:01:22Z");
    Path stray = write(next.resolve("delivery-report.json"), "{}");

    JobFailure unmatched =
        org.junit.jupiter.api.Assertions.assertThrows(
            JobFailure.class,
            () ->
                FileFormatDatasetsTest.curate(
                    spark, "heart_rate", raw, tmp.resolve("out"), "2025-07"));
    assertEquals(JobFailure.BAD_INPUT, unmatched.exitCode());
    assertEquals(
        "1 files in the slice's folders match no source path "
            + raw
            + "/heart_rate_data/2025/07/[0-9][0-9]/session_*/*.parquet (first: "
            + stray.toUri().toString().replace("file:///", "file:/")
            + "); fix source.path, or set lakesmith.datasets.heart_rate.unmatched-files=ignore"
            + " to read only the matched files",
        unmatched.getMessage());

    RunManifest manifest =
        FileFormatDatasetsTest.curate(
            spark,
            "heart_rate",
            raw,
            tmp.resolve("out"),
            "2025-07",
            "lakesmith.datasets.heart_rate.unmatched-files=ignore",
            "lakesmith.datasets.heart_rate.source-zone=Asia/Kolkata");
    assertEquals(
        List.of(stray.toUri().toString().replace("file:///", "file:/")),
        manifest.inputs().unmatched());
    assertEquals(4, manifest.inputs().files());
    assertEquals(9, manifest.counts().read());
    assertEquals(0, manifest.counts().quarantined());
    assertEquals(3, manifest.counts().duplicatesDropped());
    assertEquals(6, manifest.counts().writtenNew());
    List<Row> rows = spark.read().parquet(tmp.resolve("out/heart_rate").toString()).collectAsList();
    assertEquals(Map.of("d=2025-07-15", 6L), rowsPerPartition(rows, "d"));
    Map<String, String> byTime = new TreeMap<>();
    rows.forEach(
        r ->
            byTime.put(
                r.getAs("measured_at").toString(),
                r.getAs("session") + " " + r.getAs("heart_rate")));
    assertEquals(
        Map.of(
            "2025-07-15T04:00:15.000001Z", "2025-07-15_09-30-15 70",
            "2025-07-15T04:00:16Z", "2025-07-15_09-30-15 71",
            "2025-07-15T04:00:17Z", "2025-07-15_09-30-15 72",
            "2025-07-15T04:01:00Z", "2025-07-15_09-31-15 80",
            "2025-07-15T04:02:00.500Z", "2025-07-15_09-31-15 81",
            "2025-07-15T04:03:00Z", "2025-07-15_09-31-15 82"),
        byTime);
  }

  @Test
  void anAmendedExportArrivingLaterWinsAlthoughItsNameSortsFirst() throws IOException {
    Path raw = tmp.resolve("raw");
    Path day = raw.resolve("auto_export/2025/10/09");
    String original =
        "{\"data\":{\"metrics\":[{\"name\":\"heart_rate\",\"units\":\"count/min\",\"data\":["
            + points(3, 0)
            + "]}]}}";
    modified(
        write(day.resolve("HealthAutoExport-20251009-234510.json"), original),
        "2025-10-09T10:45:10Z");
    modified(
        write(
            day.resolve("HealthAutoExport-20251009-234510-amended.json"),
            original.replace("\"qty\":61", "\"qty\":99")),
        "2025-10-09T11:45:10Z");
    RunManifest manifest =
        FileFormatDatasetsTest.curate(spark, "health_metrics", raw, tmp.resolve("out"), "2025-10");
    assertEquals(6, manifest.counts().read());
    assertEquals(3, manifest.counts().duplicatesDropped());
    Map<String, String> byTime = new TreeMap<>();
    spark
        .read()
        .parquet(tmp.resolve("out/health_metrics").toString())
        .collectAsList()
        .forEach(
            r ->
                byTime.put(
                    r.getAs("recorded_at").toString(),
                    r.getAs("qty") + " " + Path.of(r.<String>getAs("_source_file")).getFileName()));
    assertEquals(
        Map.of(
            "2025-10-08T19:00:00Z", "60.0 HealthAutoExport-20251009-234510-amended.json",
            "2025-10-08T19:01:00Z", "99.0 HealthAutoExport-20251009-234510-amended.json",
            "2025-10-08T19:02:00Z", "62.0 HealthAutoExport-20251009-234510-amended.json"),
        byTime);
  }

  private static String metric(String name, String units, String... points) {
    return "{\"name\":\""
        + name
        + "\",\"units\":\""
        + units
        + "\",\"data\":["
        + String.join(",", points)
        + "]}";
  }

  @Test
  void everyHealthAutoExportShapeIsCuratedAndAUnitSwitchDoesNotMixUnits() throws IOException {
    Path day = tmp.resolve("raw/auto_export/2025/10/09");
    String at = "\"date\":\"2025-10-09 08:00:00 +1300\"";
    modified(
        write(
            day.resolve("HealthAutoExport-20251009-090000.json"),
            "{\"data\":{\"metrics\":["
                + String.join(
                    ",",
                    metric(
                        "heart_rate",
                        "count/min",
                        "{" + at + ",\"Min\":55,\"Avg\":70.5,\"Max\":90,\"source\":\"Watch\"}"),
                    metric(
                        "sleep_analysis",
                        "hr",
                        "{"
                            + at
                            + ",\"asleep\":7.1,\"inBed\":8,\"core\":3.5,\"deep\":1,"
                            + "\"rem\":1.6,\"awake\":0.3,\"sleepStart\":\"2025-10-08 22:51:00 +1300\","
                            + "\"sleepEnd\":\"2025-10-09 06:10:00 +1300\",\"source\":\"Watch\"}"),
                    metric(
                        "blood_pressure", "mmHg", "{" + at + ",\"systolic\":120,\"diastolic\":80}"),
                    metric(
                        "blood_glucose",
                        "mg/dL",
                        "{"
                            + at
                            + ",\"qty\":95,\"mealTime\":\"Before Meal\",\"source\":\"Meter\"}"),
                    metric("active_energy", "kcal", "{" + at + ",\"qty\":10,\"source\":\"Watch\"}"),
                    metric("step_count", "count", "{" + at + ",\"qty\":812,\"source\":\"iPhone\"}"))
                + "]}}"),
        "2025-10-08T20:00:00Z");
    modified(
        write(
            day.resolve("HealthAutoExport-20251009-100000.json"),
            "{\"data\":{\"metrics\":["
                + metric("active_energy", "kJ", "{" + at + ",\"qty\":41.84,\"source\":\"Watch\"}")
                + "]}}"),
        "2025-10-08T21:00:00Z");
    RunManifest manifest =
        FileFormatDatasetsTest.curate(
            spark, "health_metrics", tmp.resolve("raw"), tmp.resolve("out"), "2025-10");
    assertEquals(7, manifest.counts().read());
    assertEquals(0, manifest.counts().quarantined());
    assertEquals(0, manifest.counts().duplicatesDropped());
    assertEquals(7, manifest.counts().writtenNew());
    Map<String, String> rows = new TreeMap<>();
    for (Row r :
        spark.read().parquet(tmp.resolve("out/health_metrics").toString()).collectAsList()) {
      rows.put(
          r.getAs("metric") + " " + r.getAs("units"),
          r.getAs("recorded_at")
              + " qty="
              + r.getAs("qty")
              + " source="
              + r.getAs("source")
              + " "
              + new TreeMap<>(
                  scala.jdk.javaapi.CollectionConverters.asJava(
                      r.<scala.collection.Map<String, Double>>getAs("values")))
              + " "
              + new TreeMap<>(
                  scala.jdk.javaapi.CollectionConverters.asJava(
                      r.<scala.collection.Map<String, String>>getAs("details"))));
    }
    String time = "2025-10-08T19:00:00Z";
    assertEquals(
        Map.of(
            "heart_rate count/min",
                time + " qty=null source=Watch {avg=70.5, max=90.0, min=55.0} {}",
            "sleep_analysis hr",
                time
                    + " qty=null source=Watch {asleep=7.1, awake=0.3, core=3.5,"
                    + " deep=1.0, inbed=8.0, rem=1.6, sleepend=null, sleepstart=null} {sleepend=2025-10-09 06:10:00 +1300,"
                    + " sleepstart=2025-10-08 22:51:00 +1300}",
            "blood_pressure mmHg",
                time + " qty=null source=null {diastolic=80.0, systolic=120.0} {}",
            "blood_glucose mg/dL",
                time + " qty=95.0 source=Meter {mealtime=null} {mealtime=Before Meal}",
            "active_energy kcal", time + " qty=10.0 source=Watch {} {}",
            "active_energy kJ", time + " qty=41.84 source=Watch {} {}",
            "step_count count", time + " qty=812.0 source=iPhone {} {}"),
        rows);
  }
}
