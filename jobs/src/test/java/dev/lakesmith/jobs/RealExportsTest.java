package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakesmith.jobs.manifest.RunManifest;
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
}
