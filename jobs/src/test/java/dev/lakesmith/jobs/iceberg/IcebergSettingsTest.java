package dev.lakesmith.jobs.iceberg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lakesmith.iceberg}: the documented defaults, overrides, and one line for a bad value. */
class IcebergSettingsTest {
  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertEquals(
        new IcebergSettings(3, Duration.ofDays(7), 5, Duration.ofDays(3), 64), load(List.of()));
  }

  @Test
  void everyKeyCanBeOverridden() {
    assertEquals(
        new IcebergSettings(1, Duration.ofHours(12), 2, Duration.ZERO, 0),
        load(
            List.of(
                "lakesmith.iceberg.commit-attempts=1",
                "lakesmith.iceberg.maintenance.snapshot-retention=12h",
                "lakesmith.iceberg.maintenance.min-snapshots=2",
                "lakesmith.iceberg.maintenance.orphan-age=0s",
                "lakesmith.iceberg.maintenance.compact-when-files-over=0")));
  }

  @Test
  void aBadValueIsOneLineNamingTheKey() {
    for (String bad :
        List.of(
            "lakesmith.iceberg.commit-attempts=0",
            "lakesmith.iceberg.maintenance.min-snapshots=0",
            "lakesmith.iceberg.maintenance.orphan-age=-1d",
            "lakesmith.iceberg.maintenance.compact-when-files-over=-1",
            "lakesmith.iceberg.maintenance.snapshot-retention=soon")) {
      JobFailure failure = assertThrows(JobFailure.class, () -> load(List.of(bad)), bad);
      assertEquals(JobFailure.BAD_USAGE, failure.exitCode(), bad);
      String key = bad.substring(bad.lastIndexOf('.') + 1, bad.indexOf('='));
      assertTrue(failure.getMessage().contains(key), failure.getMessage());
      assertTrue(!failure.getMessage().contains("\n"), failure.getMessage());
    }
  }

  @Test
  void aMistypedKeyIsRejected() {
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () -> load(List.of("lakesmith.iceberg.maintenance.snapshot-retension=1d")));
    assertTrue(failure.getMessage().contains("snapshot-retention"), failure.getMessage());
  }

  private static IcebergSettings load(List<String> overrides) {
    return IcebergSettings.from(ConfigLoader.load(List.of(), overrides).source());
  }
}
