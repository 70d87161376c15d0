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
    SampleDataGenerator.hospitalResults(root.resolve("hospital_results"));
    SampleDataGenerator.heartRate(root.resolve("heart_rate"));
    SampleDataGenerator.healthMetrics(root.resolve("health_metrics"));
    for (String dataset : new String[] {"hospital_results", "heart_rate", "health_metrics"}) {
      assertEquals(digests(SAMPLES.resolve(dataset)), digests(root.resolve(dataset)), dataset);
    }
  }

  private static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(
            dir.relativize(file).toString(),
            java.util.HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file))));
      }
    }
    return digests;
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
