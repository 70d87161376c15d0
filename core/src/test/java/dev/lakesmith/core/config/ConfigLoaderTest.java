package dev.lakesmith.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  @Test
  void embeddedEventsDatasetIsFullyDeclared() {
    DatasetConfig events = ConfigLoader.load(List.of(), List.of()).dataset("events");
    assertEquals(List.of("name", "tstamp", "payload_md5"), events.dedupe().key());
    assertEquals(List.of("name", "d"), events.partitionBy());
    assertEquals(ZoneId.of("America/New_York"), events.column("tstamp").zone());
    assertEquals("json", events.source().format());
    assertEquals("events", events.table());
  }

  @Test
  void overridesReachSubstitutionsAndSparkKeys() {
    LakesmithConfig config =
        ConfigLoader.load(
            List.of(),
            List.of(
                "lakesmith.input-root=s3://raw-bucket/landing",
                "lakesmith.datasets.events.source-zone=Asia/Kolkata",
                "spark.sql.shuffle.partitions=7",
                "lakesmith.output=s3://curated/x"));
    DatasetConfig events = config.dataset("events");
    assertEquals("s3://raw-bucket/landing/events", events.input());
    assertEquals(ZoneId.of("Asia/Kolkata"), events.column("tstamp").zone());
    assertEquals("7", config.sparkSettings().get("spark.sql.shuffle.partitions"));
    assertEquals("s3://curated/x", config.output());
  }

  @Test
  void overridesAddEntriesToMapValuedSettingsOnly() {
    DatasetConfig hospitals =
        ConfigLoader.load(
                List.of(),
                List.of(
                    "lakesmith.datasets.hospital_results.zone-from.zones.harbour_view=Pacific/Fiji",
                    "lakesmith.datasets.hospital_results.source.options.quote='"))
            .dataset("hospital_results");
    assertEquals(
        java.util.Optional.of(ZoneId.of("Pacific/Fiji")),
        hospitals.column("test_started_at").zoneFrom().zoneFor("harbour_view"));
    assertEquals(
        java.util.Optional.of(ZoneId.of("Asia/Kolkata")),
        hospitals.column("test_started_at").zoneFrom().zoneFor("st_marys"));
    assertEquals("'", hospitals.source().option("quote", "\""));
    assertMessage(
        List.of("lakesmith.datasets.events.max-bad-fractoin=0.5"),
        "--conf key 'lakesmith.datasets.events.max-bad-fractoin' is not a configuration key");
    assertMessage(
        List.of("lakesmith.datasets.hospital_results.zone-from.zonez.x=UTC"),
        "is not a configuration key");
  }

  @Test
  void confFilesLayerOverTheDefaults() throws Exception {
    Path file = tmp.resolve("site.conf");
    Files.writeString(file, "lakesmith.datasets.events.max-bad-fraction = 0.25\n");
    DatasetConfig events = ConfigLoader.load(List.of(file.toFile()), List.of()).dataset("events");
    assertEquals(0.25, events.maxBadFraction());
  }

  @Test
  void mistakesAreOneClearLine() {
    assertMessage(
        List.of("lakesmith.datasets.events.source-zone=IST"),
        "'IST' is not a region id; use e.g. 'Asia/Kolkata'");
    assertMessage(
        List.of("lakesmith.outptu=/x"), "--conf key 'lakesmith.outptu' is not a configuration key");
    assertMessage(List.of("novalue"), "is not key=value");
    assertMessage(
        List.of("lakesmith.datasets.events.dedupe.key=[name, payload_md5]"),
        "event-time 'tstamp' is not in dedupe.key");
    JobFailure unknown =
        assertThrows(
            JobFailure.class, () -> ConfigLoader.load(List.of(), List.of()).dataset("nope"));
    assertTrue(unknown.getMessage().startsWith("unknown dataset 'nope'"));
    JobFailure missingFile =
        assertThrows(
            JobFailure.class,
            () -> ConfigLoader.load(List.of(new File(tmp.toFile(), "missing.conf")), List.of()));
    assertTrue(missingFile.getMessage().startsWith("cannot read conf file"));
  }

  private static void assertMessage(List<String> overrides, String expected) {
    JobFailure failure =
        assertThrows(
            JobFailure.class, () -> ConfigLoader.load(List.of(), overrides).dataset("events"));
    assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode());
  }
}
