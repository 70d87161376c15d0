package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's gap report: missing days per event name, missing minutes per session. */
class GapReportTest {
  private static final String SESSION = "{\"session_id\":\"s-9\"}";
  private static final String OTHER = "{\"session_id\":\"s-10\"}";
  @TempDir Path tmp;
  private EventsFixture raw;
  private final SparkSession spark = SparkTestSession.get();

  @BeforeEach
  void fixture() {
    raw = new EventsFixture(tmp.resolve("raw"));
  }

  private RunManifest curate(String slice, String... overrides) {
    return TestCuration.events(spark, raw.root(), tmp.resolve("out"), slice, overrides);
  }

  private static String viewed(String day, String payload) {
    return EventsFixture.record("page_viewed", day + " 12:00:00.000000", payload);
  }

  @Test
  void missingDaysArePerNameAndDaysCuratedEarlierAreNotMissing() throws Exception {
    raw.file(
        "page_viewed",
        "2023-06-04",
        "a.gz",
        false,
        List.of(
            viewed("2023-06-01", SESSION),
            viewed("2023-06-02", SESSION),
            viewed("2023-06-02", OTHER),
            viewed("2023-06-04", SESSION)));
    raw.file(
        "account_created",
        "2023-06-04",
        "b.gz",
        false,
        List.of(EventsFixture.record("account_created", "2023-06-02 12:00:00", SESSION)));

    RunManifest june = curate("2023-06");

    Gaps gaps = june.gaps();
    assertEquals("day", gaps.cadence());
    assertEquals(List.of("name"), gaps.groupBy());
    assertEquals(2, gaps.groups());
    assertEquals(1, gaps.groupsWithGaps());
    Gaps.Group viewed = gaps.listed().get(0);
    assertEquals(Map.of("name", "page_viewed"), viewed.key());
    assertEquals("2023-06-01", viewed.first());
    assertEquals("2023-06-04", viewed.last());
    assertEquals(1, viewed.missing());
    assertEquals(List.of(new Gaps.Range("2023-06-03", "2023-06-03", 1)), viewed.missingRanges());
    assertEquals(Map.of("2023-06-01", 1L, "2023-06-02", 2L, "2023-06-04", 1L), viewed.rowsPerDay());
    Gaps.Group created = gaps.listed().get(1);
    assertEquals(0, created.missing());
    assertEquals(Map.of("2023-06-02", 1L), created.rowsPerDay());

    JsonNode json = ManifestWriter.JSON.readTree(Path.of(june.outputs().manifest()).toFile());
    JsonNode listed = json.get("gaps").get("listed").get(0);
    assertEquals("2023-06-03", listed.get("missing_ranges").get(0).get("from").asText());
    assertEquals(2, listed.get("rows_per_day").get("2023-06-02").asLong());

    raw.file(
        "page_viewed",
        "2023-07-02",
        "c.gz",
        false,
        List.of(viewed("2023-06-01", OTHER), viewed("2023-06-06", SESSION)));
    Gaps july = curate("2023-07").gaps();
    Gaps.Group later = july.listed().get(0);
    assertEquals("2023-06-01", later.first());
    assertEquals("2023-06-06", later.last());
    assertEquals(
        List.of(
            new Gaps.Range("2023-06-03", "2023-06-03", 1),
            new Gaps.Range("2023-06-05", "2023-06-05", 1)),
        later.missingRanges());
    assertEquals(Map.of("2023-06-01", 2L, "2023-06-06", 1L), later.rowsPerDay());
  }

  @Test
  void aFewDaysMonthsBeforeTheBulkAreOutliersNotMissingDays() throws Exception {
    raw.file(
        "page_viewed",
        "2023-06-04",
        "a.gz",
        false,
        List.of(
            viewed("2023-03-12", SESSION),
            viewed("2023-06-01", SESSION),
            viewed("2023-06-02", SESSION),
            viewed("2023-06-02", OTHER),
            viewed("2023-06-04", SESSION)));

    Gaps.Group viewed = curate("2023-06").gaps().listed().get(0);

    assertEquals("2023-06-01", viewed.first());
    assertEquals("2023-06-04", viewed.last());
    assertEquals(1, viewed.missing());
    assertEquals(List.of(new Gaps.Range("2023-06-03", "2023-06-03", 1)), viewed.missingRanges());
    assertEquals(List.of(new Gaps.Outlier("2023-03-12", "2023-03-12", 1, 1)), viewed.outliers());
    assertEquals(
        Map.of("2023-03-12", 1L, "2023-06-01", 1L, "2023-06-02", 2L, "2023-06-04", 1L),
        viewed.rowsPerDay());
  }

  @Test
  void minuteCadenceListsMissingMinutesPerSessionWithinTheLimit() throws Exception {
    raw.file(
        "heartbeat",
        "2023-06-01",
        "a.gz",
        true,
        List.of(
            EventsFixture.record("heartbeat", "2023-06-01 10:00:05", SESSION),
            EventsFixture.record("heartbeat", "2023-06-01 10:00:35", SESSION),
            EventsFixture.record("heartbeat", "2023-06-01 10:01:10", SESSION),
            EventsFixture.record("heartbeat", "2023-06-01 10:03:00", SESSION),
            EventsFixture.record("heartbeat", "2023-06-01 10:07:59", SESSION),
            EventsFixture.record("heartbeat", "2023-06-01 10:00:00", OTHER),
            EventsFixture.record("heartbeat", "2023-06-01 10:01:00", OTHER)));

    Gaps gaps =
        curate(
                "2023-06",
                "lakesmith.datasets.events.gaps.cadence=minute",
                "lakesmith.datasets.events.gaps.group-by=[payload]",
                "lakesmith.datasets.events.gaps.max-listed=1")
            .gaps();

    assertEquals(List.of("name", "payload"), gaps.groupBy());
    assertEquals(2, gaps.groups());
    assertEquals(1, gaps.groupsWithGaps());
    Gaps.Group session = gaps.listed().get(0);
    assertEquals(Map.of("name", "heartbeat", "payload", SESSION), session.key());
    assertEquals("2023-06-01T14:00Z", session.first());
    assertEquals("2023-06-01T14:07Z", session.last());
    assertEquals(4, session.missing());
    assertEquals(
        List.of(new Gaps.Range("2023-06-01T14:02Z", "2023-06-01T14:02Z", 1)),
        session.missingRanges());
    assertEquals(Map.of("2023-06-01", 5L), session.rowsPerDay());
    assertEquals(0, gaps.listed().get(1).missing());
  }
}
