package dev.lakesmith.jobs.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sample-data/{hospital_results,heart_rate,health_metrics} is exactly what the generator writes.
 * Regenerate with {@code mvn -B -o -pl jobs test -Dtest=SampleDataTest
 * -Dlakesmith.write-samples=true}.
 */
class SampleDataTest {
  static final Path SAMPLES = Path.of("..", "sample-data");

  @TempDir Path tmp;

  @Test
  void committedSamplesAreTheGeneratorsOutput() throws IOException {
    boolean write = Boolean.getBoolean("lakesmith.write-samples");
    Path root = write ? SAMPLES : tmp;
    if (write) {
      for (String dataset : new String[] {"hospital_results", "heart_rate", "health_metrics"}) {
        delete(SAMPLES.resolve(dataset));
      }
    }
    // What `local --dataset <name>` reports on the committed samples (read, quarantined,
    // duplicates dropped, written new).
    assertEquals(
        new SampleDataGenerator.Truth(624, 2, 48, 574),
        SampleDataGenerator.hospitalResults(root.resolve("hospital_results")));
    assertEquals(
        new SampleDataGenerator.Truth(2400, 2, 240, 2158),
        SampleDataGenerator.heartRate(root.resolve("heart_rate")));
    assertEquals(
        new SampleDataGenerator.Truth(4744, 1, 2310, 2433),
        SampleDataGenerator.healthMetrics(root.resolve("health_metrics")));
    for (String dataset : new String[] {"hospital_results", "heart_rate", "health_metrics"}) {
      assertEquals(digests(SAMPLES.resolve(dataset)), digests(root.resolve(dataset)), dataset);
    }
  }

  private static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(dir.relativize(file).toString(), digest(file));
      }
    }
    return digests;
  }

  /**
   * SHA-256 of the bytes; for Parquet, of the records, because parquet-hadoop writes a column's
   * encodings in hash order, which differs between JVMs.
   */
  private static String digest(Path file) throws IOException {
    byte[] bytes;
    if (file.toString().endsWith(".parquet")) {
      StringBuilder records = new StringBuilder();
      try (var opened =
          new dev.lakesmith.jobs.read.ParquetRecordDecoder()
              .open(new org.apache.hadoop.conf.Configuration(), file.toUri().toString())) {
        opened
            .iterator()
            .forEachRemaining(
                d ->
                    records
                        .append(((dev.lakesmith.jobs.read.Decoded.Ok) d).record().rawText())
                        .append("\n"));
      }
      bytes = records.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } else {
      bytes = Files.readAllBytes(file);
    }
    return dev.lakesmith.core.ContentHash.of(bytes);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
