package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.QuarantineRaw;
import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.validate.QuarantineWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantine output: partition values that would name an unsafe directory are quarantined, the
 * files are private to their owner and group, and a dataset can keep only a hash of raw records.
 */
class QuarantineOutputTest {
  private static final List<String> UNSAFE_NAMES =
      List.of(".", "..", "a/b", "a\\\\b", "a=b", "a\\u0001b");
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  private Path writeRaw() throws IOException {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(
          EventsFixture.record(
              "page_view", "2023-06-18 10:00:0" + i + ".000000", "{\"i\":" + i + "}"));
    }
    for (String name : UNSAFE_NAMES) {
      records.add(badName(name));
    }
    records.add(badName(""));
    new EventsFixture(tmp.resolve("raw")).file("page_view", "2023-06-18", "f.gz", false, records);
    return tmp.resolve("raw");
  }

  /** A record whose name (a partition column) is the JSON string body {@code name}. */
  private static String badName(String name) {
    return "{\"name\":\""
        + name
        + "\",\"tstamp\":\"2023-06-18 11:00:00.000000\",\"payload\":\"p\",\"payload_md5\":\"m\"}";
  }

  /** June 2023 with any partition value pattern and no limit on the bad fraction. */
  private RunManifest curateAllowingAnyName(Path raw, Path out) {
    return TestCuration.events(
        spark,
        raw,
        out,
        "2023-06",
        "lakesmith.datasets.events.partition-value-pattern=(?s).*",
        "lakesmith.datasets.events.max-bad-fraction=1");
  }

  @Test
  void aQuarantineThatCannotBeWrittenFailsTheRunAndNothingIsPublished() throws Exception {
    Path raw = writeRaw();
    Path out = tmp.resolve("out");
    // A file where the dataset's quarantine folder goes: the quarantine write (beside the staging
    // write) fails, and the run must neither publish nor leave the records unaccounted for.
    Files.createDirectories(out.resolve("_quarantine"));
    Files.writeString(out.resolve("_quarantine/events"), "in the way");

    JobFailure failure = assertThrows(JobFailure.class, () -> curateAllowingAnyName(raw, out));

    assertEquals(JobFailure.INTERNAL, failure.exitCode());
    assertTrue(failure.getMessage().contains("quarantine"), failure.getMessage());
    assertFalse(Files.exists(out.resolve("events")), "nothing published");
    Path manifestFile;
    try (Stream<Path> runs = Files.list(out.resolve("_runs/events"))) {
      manifestFile = runs.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    RunManifest manifest =
        ManifestWriter.read(new Configuration(), manifestFile.toString()).orElseThrow();
    assertEquals(RunManifest.FAILED, manifest.status());
    assertEquals(failure.getMessage(), manifest.error());
    try (Stream<Path> staging = Files.walk(out).filter(Files::isRegularFile)) {
      assertEquals(
          List.of(),
          staging
              .map(out::relativize)
              .map(Path::toString)
              .filter(p -> !p.startsWith("_runs/") && !p.equals("_quarantine/events"))
              .toList(),
          "no staged files left behind");
    }
  }

  @Test
  void unsafePartitionValuesAreQuarantinedAndQuarantineFilesArePrivate() throws Exception {
    Path raw = writeRaw();
    Path out = tmp.resolve("out");

    RunManifest manifest = curateAllowingAnyName(raw, out);

    assertEquals(RunManifest.SUCCEEDED, manifest.status(), manifest.error());
    assertEquals(
        List.of(
            new RunManifest.ReasonCount(
                "partition value not allowed (column name)",
                6,
                "partition value not allowed (column name): '.' cannot name a partition directory"
                    + " (allowed: (?s).*, never empty, '.', '..' or with / \\ = or control"
                    + " characters)"),
            new RunManifest.ReasonCount(
                "missing required field 'name' (column name)",
                1,
                "missing required field 'name' (column name)")),
        manifest.quarantineReasons());
    try (Stream<Path> names = Files.list(out.resolve("events"))) {
      assertEquals(
          Set.of("name=page_view"),
          names.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }

    Path runDir = Path.of(manifest.outputs().quarantine());
    assertEquals("rwxr-x---", mode(runDir.getParent()));
    assertEquals("rwxr-x---", mode(runDir));
    List<Path> files = files(runDir);
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".json")));
    for (Path file : files) {
      assertEquals("rw-r-----", mode(file), file.toString());
    }
  }

  @Test
  void aDatasetCanKeepOnlyTheHashOfRawRecords() throws Exception {
    Path raw = writeRaw();
    RunManifest manifest =
        TestCuration.events(
            spark,
            raw,
            tmp.resolve("out"),
            "2023-06",
            "lakesmith.datasets.events.quarantine.raw=sha256",
            "lakesmith.datasets.events.max-bad-fraction=1");

    Map<String, String> expected = new HashMap<>();
    for (String name : UNSAFE_NAMES) {
      String record = badName(name);
      expected.put(QuarantineRaw.SHA256.keep(record, Integer.MAX_VALUE), record);
    }
    expected.put(QuarantineRaw.SHA256.keep(badName(""), Integer.MAX_VALUE), badName(""));
    List<Row> rows = spark.read().json(manifest.outputs().quarantine()).collectAsList();
    assertEquals(
        expected.keySet(),
        rows.stream().map(r -> r.<String>getAs("raw")).collect(Collectors.toSet()));
    expected.keySet().forEach(hash -> assertTrue(hash.matches("sha256:[0-9a-f]{64}"), hash));
  }

  @Test
  void theConfiguredFileModeIsApplied() throws Exception {
    Path dir = tmp.resolve("q/events/run_id=r1");
    QuarantineWriter.write(
        spark.sql(
            "select 'not a timestamp (column t): x' as _reason, 'file:/in/f.gz' as _source_file,"
                + " 7L as _record_index, '{}' as _raw"),
        dir.toString(),
        "r1",
        QuarantineSettings.parse("0600"));

    assertEquals("rwx------", mode(dir));
    List<Path> files = files(dir);
    assertTrue(files.size() >= 2, files.toString());
    for (Path file : files) {
      assertEquals("rw-------", mode(file), file.toString());
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
