package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.PartitionWritten;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCurationTest {
  private static final String LENIENT = "lakesmith.datasets.events.max-bad-fraction=0.5";
  @TempDir Path tmp;
  private EventsFixture raw;
  private Path out;
  private final SparkSession spark = SparkTestSession.get();

  @BeforeEach
  void writeFixture() throws Exception {
    raw = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(raw);
    KnownTruthEvents.writeJuly(raw);
    out = tmp.resolve("out");
  }

  private RunManifest curate(Path output, String slice, String... overrides) {
    return new CurateRun(spark, new PrintStream(new ByteArrayOutputStream(), true))
        .run(
            new CurateOptions(
                "events",
                Optional.of(raw.root().toString()),
                Optional.of(output.toString()),
                Optional.ofNullable(slice),
                Optional.empty(),
                List.of(),
                List.of(overrides)));
  }

  private static Map<String, Long> partitionRows(RunManifest manifest) {
    Map<String, Long> rows = new HashMap<>();
    for (PartitionWritten p : manifest.partitions()) {
      rows.put(p.values().get("name") + "/" + p.values().get("d"), p.rows());
    }
    return rows;
  }

  @Test
  void sliceCountsPartitionsAndUtcInstantsMatchTheKnownTruth() {
    RunManifest june = curate(out, "2023-06", LENIENT);

    assertEquals(RunManifest.SUCCEEDED, june.status());
    assertEquals(14, june.counts().read());
    assertEquals(4, june.counts().quarantined());
    assertEquals(2, june.counts().duplicatesDropped());
    assertEquals(8, june.counts().writtenNew());
    assertTrue(june.accountingIdentityHolds());
    assertEquals(KnownTruthEvents.JUNE_PARTITIONS, partitionRows(june));
    assertEquals(KnownTruthEvents.JUNE_ROWS, CuratedTable.rows(spark, out.resolve("events")));
    june.partitions().forEach(p -> assertEquals(1, p.files(), "files in " + p.path()));
  }

  @Test
  void lineageColumnsNameTheSourceFileRunAndIngestionTime() {
    RunManifest june = curate(out, "2023-06", LENIENT);
    List<Row> rows = spark.read().parquet(out.resolve("events").toString()).collectAsList();
    for (Row row : rows) {
      assertEquals(june.runId(), row.getAs("_run_id"));
      assertEquals(june.startedAt(), row.getAs("_ingested_at").toString());
      assertTrue(((String) row.getAs("_source_file")).contains("events_raw/json/name="));
    }
    assertEquals(8, rows.size());
  }

  @Test
  void outputDoesNotDependOnTheJvmOrSessionTimeZone() throws Exception {
    curate(tmp.resolve("utc"), "2023-06", LENIENT);
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
      spark.conf().set("spark.sql.session.timeZone", "Pacific/Auckland");
      curate(tmp.resolve("auckland"), "2023-06", LENIENT);
    } finally {
      TimeZone.setDefault(original);
    }
    List<String> utc = CuratedTable.rows(spark, tmp.resolve("utc/events"));
    assertEquals(KnownTruthEvents.JUNE_ROWS, utc);
    assertEquals(utc, CuratedTable.rows(spark, tmp.resolve("auckland/events")));
    assertEquals(
        CuratedTable.files(tmp.resolve("utc/events")).keySet().stream()
            .map(f -> f.substring(0, f.lastIndexOf('/')))
            .collect(Collectors.toSet()),
        CuratedTable.files(tmp.resolve("auckland/events")).keySet().stream()
            .map(f -> f.substring(0, f.lastIndexOf('/')))
            .collect(Collectors.toSet()));
  }

  @Test
  void rerunningASliceLeavesIdenticalRowsAndFiles() throws Exception {
    curate(out, "2023-06", LENIENT);
    List<String> rowsBefore = CuratedTable.fullRows(spark, out.resolve("events"));
    Map<String, String> filesBefore = CuratedTable.files(out.resolve("events"));

    RunManifest again = curate(out, "2023-06", LENIENT);

    assertEquals(14, again.counts().read());
    assertEquals(4, again.counts().quarantined());
    assertEquals(10, again.counts().duplicatesDropped());
    assertEquals(0, again.counts().writtenNew());
    assertTrue(again.partitions().isEmpty());
    assertEquals(rowsBefore, CuratedTable.fullRows(spark, out.resolve("events")));
    assertEquals(filesBefore, CuratedTable.files(out.resolve("events")));
  }

  @Test
  void laterSliceAddsNoDuplicatesAndRewritesOnlyChangedPartitions() throws Exception {
    curate(out, "2023-06", LENIENT);
    Map<String, String> filesBefore = CuratedTable.files(out.resolve("events"));

    RunManifest july = curate(out, "2023-07");

    assertEquals(3, july.counts().read());
    assertEquals(0, july.counts().quarantined());
    assertEquals(1, july.counts().duplicatesDropped());
    assertEquals(2, july.counts().writtenNew());
    assertEquals(
        Map.of("account_created/2023-06-18", 2L, "measurement_recorded/2023-07-01", 1L),
        partitionRows(july));
    List<String> expected = new ArrayList<>(KnownTruthEvents.JUNE_ROWS);
    expected.add("account_created|2023-06-18T13:00:00Z|2023-06-18");
    expected.add("measurement_recorded|2023-07-01T04:30:00Z|2023-07-01");
    expected.sort(null);
    assertEquals(expected, CuratedTable.rows(spark, out.resolve("events")));

    Map<String, String> filesAfter = CuratedTable.files(out.resolve("events"));
    for (Map.Entry<String, String> file : filesBefore.entrySet()) {
      if (file.getKey().startsWith("name=account_created/d=2023-06-18/")) {
        assertFalse(filesAfter.containsKey(file.getKey()), "rewritten: " + file.getKey());
      } else {
        assertEquals(file.getValue(), filesAfter.get(file.getKey()), "untouched " + file.getKey());
      }
    }
    assertEquals(filesBefore.size() + 1, filesAfter.size());
  }

  @Test
  void quarantineKeepsRawTextSourceFileAndReason() throws Exception {
    RunManifest june = curate(out, "2023-06", LENIENT);
    List<Row> bad = spark.read().json(june.outputs().quarantine()).collectAsList();
    assertEquals(4, bad.size());
    Map<String, String> reasonByRaw = new HashMap<>();
    for (Row row : bad) {
      reasonByRaw.put(row.getAs("raw"), row.getAs("reason"));
      assertTrue(((String) row.getAs("source_file")).endsWith(".gz"));
    }
    assertTrue(reasonByRaw.get(KnownTruthEvents.TRUNCATED).startsWith("truncated record"));
    assertTrue(
        reasonByRaw
            .get(KnownTruthEvents.IMPOSSIBLE)
            .contains("'2023-02-30 25:61:00' is not a valid timestamp"));
    assertTrue(reasonByRaw.get(KnownTruthEvents.NO_NAME).contains("missing required field 'name'"));
    assertEquals("not a JSON object", reasonByRaw.get(KnownTruthEvents.GARBAGE));
    assertEquals(
        4, june.quarantineReasons().stream().mapToLong(RunManifest.ReasonCount::count).sum());
  }

  @Test
  void sliceOverMaxBadFractionFailsWithoutPublishing() throws Exception {
    JobFailure failure = assertThrows(JobFailure.class, () -> curate(out, "2023-06"));

    assertEquals(JobFailure.BAD_INPUT, failure.exitCode());
    assertTrue(failure.getMessage().contains("4 of 14 records"), failure.getMessage());
    assertFalse(Files.exists(out.resolve("events")), "nothing may be published");
    Path runs = out.resolve("_runs/events");
    try (var manifests = Files.list(runs)) {
      JsonNode manifest =
          ManifestWriter.JSON.readTree(
              manifests
                  .filter(f -> !f.getFileName().toString().startsWith("."))
                  .findFirst()
                  .orElseThrow()
                  .toFile());
      assertEquals("FAILED", manifest.get("status").asText());
      assertEquals(4, manifest.get("counts").get("quarantined").asLong());
      assertTrue(Files.exists(Path.of(manifest.get("outputs").get("quarantine").asText())));
    }
  }

  @Test
  void manifestIsWrittenWithAccountingAndPartitions() throws Exception {
    RunManifest june = curate(out, "2023-06", LENIENT);
    JsonNode json = ManifestWriter.JSON.readTree(Path.of(june.outputs().manifest()).toFile());
    JsonNode counts = json.get("counts");
    assertEquals(
        counts.get("read").asLong(),
        counts.get("quarantined").asLong()
            + counts.get("duplicates_dropped").asLong()
            + counts.get("written_new").asLong());
    assertEquals("2023-06", json.get("slice").asText());
    assertEquals(6, json.get("partitions").size());
    assertEquals(4, json.get("inputs").get("files").asLong());
    assertNotEquals(0, json.get("partitions").get(0).get("bytes").asLong());
    assertEquals(
        org.apache.spark.package$.MODULE$.SPARK_VERSION(),
        json.get("versions").get("spark").asText());
    assertTrue(
        json.get("versions")
            .get("lakesmith")
            .asText()
            .matches("\\d+\\.\\d+\\.\\d+\\S* \\(([0-9a-f]{7,}|unknown), built .+\\)"),
        json.get("versions").toString());
  }

  @Test
  void overTheBadFractionTheErrorNamesTheTopReasonsAndTheFix() {
    JobFailure failure = assertThrows(JobFailure.class, () -> curate(out, "2023-06"));
    assertEquals(JobFailure.BAD_INPUT, failure.exitCode());
    assertTrue(
        failure.getMessage().startsWith("4 of 14 records (28.57%) were quarantined"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("Top reasons: "), failure.getMessage());
    assertTrue(
        failure.getMessage().endsWith("raise lakesmith.datasets.events.max-bad-fraction"),
        failure.getMessage());
    assertTrue(
        failure.getMessage().matches(".*Top reasons: [^.]+ \\(\\d\\).*"), failure.getMessage());
  }

  @Test
  void noInputForASliceIsOneClearError() {
    JobFailure failure = assertThrows(JobFailure.class, () -> curate(out, "2024-01"));
    assertEquals(JobFailure.BAD_INPUT, failure.exitCode());
    assertTrue(failure.getMessage().startsWith("no input for dataset 'events' slice 2024-01"));
  }
}
