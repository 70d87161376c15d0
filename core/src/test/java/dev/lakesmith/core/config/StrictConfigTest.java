package dev.lakesmith.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.CurateOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration that cannot be mistyped: every key is known, every block is checked at load. */
class StrictConfigTest {
  private static final Path CONF = Path.of("..", "conf");

  @TempDir Path tmp;

  /** The shipped conf files hold no key that nothing reads, loaded on their own and together. */
  @Test
  void everyShippedConfFileLoadsThroughTheStrictLoader() throws Exception {
    List<File> files;
    try (Stream<Path> walk = Files.walk(CONF)) {
      files = walk.filter(p -> p.toString().endsWith(".conf")).sorted().map(Path::toFile).toList();
    }
    assertEquals(6, files.size(), files.toString());
    for (File file : files) {
      LakesmithConfig config = ConfigLoader.load(List.of(file), List.of());
      assertEquals(
          List.of("events", "health_metrics", "heart_rate", "hospital_results"),
          config.datasetNames(),
          file.toString());
    }
    ConfigLoader.load(files, List.of());
  }

  @Test
  void aTypoInAConfFileNamesTheFileTheLineAndTheNearestKey() throws Exception {
    File file = write("site.conf", "# site\nlakesmith.datasets.events.max-bad-fractoin = 0.1\n");
    assertEquals(
        file.getPath()
            + ":2: 'lakesmith.datasets.events.max-bad-fractoin' is not a configuration key; did"
            + " you mean 'max-bad-fraction'?",
        failure(List.of(file), List.of()));
  }

  @Test
  void aTypoOnTheCommandLineNamesTheNearestKey() {
    assertEquals(
        "--conf key 'lakesmith.datasets.events.max-bad-fractoin' is not a configuration key; did"
            + " you mean 'max-bad-fraction'?",
        failure(List.of(), List.of("lakesmith.datasets.events.max-bad-fractoin=0.1")));
    assertEquals(
        "--conf key 'lakesmith.outptu' is not a configuration key; did you mean 'output'?",
        failure(List.of(), List.of("lakesmith.outptu=/x")));
    assertEquals(
        "--conf key 'lakesmith.output.x' is not a configuration key: 'lakesmith.output' takes a"
            + " value, not keys",
        failure(List.of(), List.of("lakesmith.output.x=1")));
    assertEquals(
        "--conf key 'lakesmith.emr.instances.master.tpye' is not a configuration key; did you"
            + " mean 'type'?",
        failure(List.of(), List.of("lakesmith.emr.instances.master.tpye=m7g.large")));
  }

  @Test
  void unknownKeysInsideDatasetBlocksColumnsAndTopLevelAreErrors() throws Exception {
    File dataset =
        write(
            "mine.conf",
            "lakesmith.datasets.mine = ${lakesmith.dataset-defaults} {\n"
                + "  table = mine\n"
                + "  input = /raw\n"
                + "  source { format = json, path = \"*\" }\n"
                + "  columns = [{ name = at, type = timestamp, formats = [\"uuuu\"] },\n"
                + "    { name = id, typ = string }]\n"
                + "  event-time = at\n"
                + "  dedupe.key = [at]\n"
                + "  partition-by = [d]\n"
                + "}\n");
    assertEquals(
        dataset.getPath()
            + ":6: 'lakesmith.datasets.mine.columns[1].typ' is not a configuration key; did you"
            + " mean 'type'?",
        failure(List.of(dataset), List.of()));
    File top = write("top.conf", "lakesmth.output = /x\n");
    assertEquals(
        top.getPath() + ":1: 'lakesmth' is not a configuration key; keys start with 'lakesmith.'",
        failure(List.of(top), List.of()));
    File far = write("far.conf", "lakesmith.catalog { warehouse = /x }\n");
    assertEquals(
        far.getPath()
            + ":1: 'lakesmith.catalog.warehouse' is not a configuration key; known keys here:"
            + " database, partition-batch",
        failure(List.of(far), List.of()));
  }

  @Test
  void sourceOptionsAreThoseTheReadersRead() {
    assertEquals(
        "'lakesmith.datasets.events.source.options.framing' is not an option of json sources;"
            + " known options: [multiline-records, records]",
        failure(
            List.of(), List.of("lakesmith.datasets.events.source.options.framing=json-stream")));
    assertEquals(
        "'lakesmith.datasets.hospital_results.source.options.delimter' is not an option of"
            + " avro/csv sources; did you mean 'delimiter'?",
        failure(
            List.of(), List.of("lakesmith.datasets.hospital_results.source.options.delimter=;")));
    assertEquals(
        "lakesmith.datasets.hospital_results.source.options.delimiter ';;' is not one character;"
            + " use e.g. \",\" or \"\\t\"",
        failure(
            List.of(), List.of("lakesmith.datasets.hospital_results.source.options.delimiter=;;")));
    assertEquals(
        "lakesmith.datasets.hospital_results.source.options.encoding 'latin-9000' is not a"
            + " character encoding Java knows; use e.g. \"UTF-8\" or \"windows-1252\"",
        failure(
            List.of(),
            List.of("lakesmith.datasets.hospital_results.source.options.encoding=latin-9000")));
    assertEquals(
        "'lakesmith.datasets.heart_rate.source.options.quote' is not an option of parquet"
            + " sources; known options: none",
        failure(List.of(), List.of("lakesmith.datasets.heart_rate.source.options.quote='")));
  }

  @Test
  void theRowGroupSizeIsBoundedAndReadInBytes() {
    assertEquals(
        "lakesmith.write.row-group-size 102400 bytes is outside 1m..1g; use e.g. 32m",
        failure(List.of(), List.of("lakesmith.write.row-group-size=100k")));
    assertEquals(
        32L << 20,
        ConfigLoader.load(List.of(), List.of()).write().rowGroupBytes(),
        "the documented default");
  }

  @Test
  void openMapsTakeNewEntries() throws Exception {
    File file =
        write(
            "site.conf",
            "lakesmith.spark { \"spark.sql.ansi.enabled\" = true }\n"
                + "lakesmith.emr.tags { team = data }\n"
                + "lakesmith.emr.prices { \"c7g.xlarge\" { ec2 = 0.1, emr = 0.02 } }\n"
                + "lakesmith.emr.configurations { \"hive-site\" { \"a.b\" = c } }\n"
                + "lakesmith.datasets.hospital_results.zone-from.zones.harbour = \"Pacific/Fiji\"\n");
    LakesmithConfig config = ConfigLoader.load(List.of(file), List.of());
    assertEquals("true", config.sparkSettings().get("spark.sql.ansi.enabled"));
    assertEquals(
        Optional.of(ZoneId.of("Pacific/Fiji")),
        config.dataset("hospital_results").column("test_started_at").zoneFrom().zoneFor("harbour"));
    File typo = write("typo.conf", "lakesmith.emr.prices { \"c7g.xlarge\" { ec3 = 0.1 } }\n");
    assertEquals(
        typo.getPath()
            + ":1: 'lakesmith.emr.prices.\"c7g.xlarge\".ec3' is not a configuration key; did you"
            + " mean 'ec2'?",
        failure(List.of(typo), List.of()));
  }

  @Test
  void enumValuesListTheAllowedOnes() {
    assertEquals(
        "lakesmith.datasets.events.dst-overlap 'earliest' is not one of [earlier, later]",
        failure(List.of(), List.of("lakesmith.datasets.events.dst-overlap=earliest")));
    assertEquals(
        "lakesmith.datasets.events.dedupe.keep 'newest' is not one of [earliest-ingested,"
            + " latest-ingested]",
        failure(List.of(), List.of("lakesmith.datasets.events.dedupe.keep=newest")));
    assertEquals(
        "lakesmith.datasets.events.gaps.cadence 'hour' is not one of [day, minute, none]",
        failure(List.of(), List.of("lakesmith.datasets.events.gaps.cadence=hour")));
  }

  @Test
  void everyBlockIsCheckedAtLoadNotOnlyTheDatasetRun() {
    // A broken heart_rate block fails a load that only asks for events.
    assertEquals(
        "lakesmith.datasets.heart_rate.unmatched-files 'maybe' is not one of [fail, ignore]",
        failure(List.of(), List.of("lakesmith.datasets.heart_rate.unmatched-files=maybe")));
    assertEquals(
        "lakesmith.catalog.database 'Lake-Smith' is not a safe database name; use lower-case"
            + " letters, digits and '_'",
        failure(List.of(), List.of("lakesmith.catalog.database=Lake-Smith")));
    assertEquals(
        "lakesmith.publish.lease.ttl PT1S is too short; use at least 3s (e.g. 5m)",
        failure(List.of(), List.of("lakesmith.publish.lease.ttl=1s")));
  }

  @Test
  void aBadTimestampFormatIsAConfigurationError() {
    assertEquals(
        "lakesmith.datasets.events.columns: column 'tstamp': timestamp format 'uuuu-MM-ddTHH:mm'"
            + " is not a java.time pattern: Unknown pattern letter: T",
        failure(
            List.of(),
            List.of(
                "lakesmith.datasets.events.columns=[{name = name, type = string},"
                    + " {name = tstamp, type = timestamp, formats = [\"uuuu-MM-ddTHH:mm\"]},"
                    + " {name = payload_md5, type = string}]")));
  }

  @Test
  void aBadSliceFailsBeforeAnyWork() {
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () ->
                new CurateOptions(
                    "events",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("2023-13"),
                    Optional.empty(),
                    List.of(),
                    List.of()));
    assertEquals(
        "--slice '2023-13' is not an arrival month or day; use e.g. 2023-06 or 2023-06-18",
        failure.getMessage());
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode());
  }

  private File write(String name, String text) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    return file.toFile();
  }

  private static String failure(List<File> files, List<String> overrides) {
    JobFailure failure =
        assertThrows(JobFailure.class, () -> ConfigLoader.load(files, overrides).dataset("events"));
    assertEquals(JobFailure.BAD_USAGE, failure.exitCode(), failure.getMessage());
    return failure.getMessage();
  }
}
