package dev.lakesmith.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.JobFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAndQuarantineSettingsTest {
  @Test
  void defaultsAreDocumentedValues() {
    LakesmithConfig config = ConfigLoader.load(List.of(), List.of());
    assertEquals(16 << 20, config.read().maxRecordBytes());
    assertEquals(1_000_000, config.read().maxCsvFieldChars());
    assertEquals(0640, config.quarantine().fileMode());
    assertEquals(0750, config.quarantine().directoryMode());
    assertEquals(QuarantineRaw.TEXT, config.dataset("events").quarantineRaw());
  }

  @Test
  void overridesAreReadAndChecked() {
    LakesmithConfig config =
        ConfigLoader.load(
            List.of(),
            List.of(
                "lakesmith.read.max-record-bytes=1m",
                "lakesmith.read.max-csv-field-chars=4096",
                "lakesmith.quarantine.file-mode=600",
                "lakesmith.datasets.events.quarantine.raw=sha256"));
    assertEquals(1 << 20, config.read().maxRecordBytes());
    assertEquals(4096, config.read().maxCsvFieldChars());
    assertEquals(0600, config.quarantine().fileMode());
    assertEquals(QuarantineRaw.SHA256, config.dataset("events").quarantineRaw());

    assertMistake(
        "lakesmith.quarantine.file-mode=0644",
        "lakesmith.quarantine.file-mode 0644 must let the owner read and write and give others no"
            + " access; use 0640 or 0600");
    assertMistake(
        "lakesmith.quarantine.file-mode=rw-r-----",
        "lakesmith.quarantine.file-mode 'rw-r-----' is not an octal mode; use e.g. \"0640\"");
    assertMistake(
        "lakesmith.read.max-record-bytes=100",
        "lakesmith.read.max-record-bytes 100 is too small; use e.g. 16m");
    assertMistake(
        "lakesmith.read.max-csv-field-chars=10",
        "lakesmith.read.max-csv-field-chars 10 is too small; use e.g. 1000000");
    assertMistake(
        "lakesmith.read.max-record-bytes=4g",
        "lakesmith.read.max-record-bytes 4294967296 is over what one record buffer can hold; use"
            + " at most 1g");
    JobFailure raw =
        assertThrows(
            JobFailure.class,
            () ->
                ConfigLoader.load(
                        List.of(), List.of("lakesmith.datasets.events.quarantine.raw=md5"))
                    .dataset("events"));
    assertEquals(
        "lakesmith.datasets.events.quarantine.raw 'md5' is not one of [text, sha256]",
        raw.getMessage());
  }

  private static void assertMistake(String override, String message) {
    JobFailure failure =
        assertThrows(JobFailure.class, () -> ConfigLoader.load(List.of(), List.of(override)));
    assertEquals(message, failure.getMessage());
  }
}
