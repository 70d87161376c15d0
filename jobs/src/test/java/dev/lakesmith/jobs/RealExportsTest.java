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
}
