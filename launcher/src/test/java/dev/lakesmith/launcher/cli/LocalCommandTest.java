package dev.lakesmith.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.launcher.Lakesmith;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `local` end to end: a child SparkSubmit process on the committed sample-data. */
class LocalCommandTest {
  private static final Path SAMPLE =
      Path.of("..", "sample-data", "events").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true));
      System.setErr(new PrintStream(err, true));
      int exit = Lakesmith.execute(args);
      return new Result(exit, out.toString(), err.toString());
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void sampleDataCuratesToTheGeneratorsTruthUnderAForeignJvmZone() throws Exception {
    Path output = tmp.resolve("out");
    Result result =
        run(
            "local",
            "--dataset",
            "events",
            "--input",
            SAMPLE.toString(),
            "--output",
            output.toString(),
            "--conf",
            "lakesmith.local.java-options=[\"-Duser.timezone=Pacific/Auckland\"]");

    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().contains("lakesmith: step curate done"), result.out());
    assertTrue(result.out().contains("lakesmith: step register done"), result.out());
    // Not a terminal: the job's stage lines with their rates come through, plain.
    assertTrue(
        result
            .out()
            .matches(
                "(?s).*lakesmith: read [0-9,]+ records from [0-9,]+ files in [0-9.]+ s:"
                    + " [0-9,]+ records/s, [0-9.]+ MB/s\\R.*"),
        result.out());
    for (String stage :
        List.of(
            "deduplicated against [0-9,]+ touched partitions",
            "staged [0-9,]+ changed partitions",
            "published [0-9,]+ files \\([0-9,]+ bytes\\) into \\S+")) {
      assertTrue(result.out().matches("(?s).*lakesmith: " + stage + " in [0-9.]+ s\\R.*"), stage);
    }
    // Both steps in one Spark JVM (lakesmith.local.one-jvm), register after curate is done.
    assertTrue(
        result
            .out()
            .matches(
                "(?s)lakesmith: local run \\S+ of dataset events\n"
                    + "lakesmith: step curate \\(1 of 2\\) started: starting Spark\n.*"
                    + "lakesmith: step curate done in [0-9.]+ s\n"
                    + "lakesmith: step register \\(2 of 2\\) started: in the same Spark JVM\n"
                    // a busy machine may print the waiting step's heartbeat first
                    + "(lakesmith: step register still running[^\n]*\n)*"
                    + "lakesmith: table lakesmith.events created at .*"
                    + "lakesmith: step register done in [0-9.]+ s \\(log \\S+\\.curate\\+register\\.log\\)\n"),
        result.out());
    assertFalse(
        result.out().contains("\u001b") || result.out().contains("\r"),
        "no escape codes or carriage returns when output is not a terminal: " + result.out());
    assertTrue(Files.isDirectory(output.resolve("_metastore/metastore_db")));
    assertTrue(Files.isDirectory(output.resolve("_metastore/warehouse/lakesmith.db")));
    assertTrue(Files.isRegularFile(output.resolve("_metastore/derby.log")));
    JsonNode truth = JSON.readTree(SAMPLE.resolve("_truth/events.json").toFile());
    JsonNode manifest;
    try (Stream<Path> files = Files.list(output.resolve("_runs/events"))) {
      manifest =
          JSON.readTree(
              files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
    }
    JsonNode counts = manifest.get("counts");
    assertEquals("SUCCEEDED", manifest.get("status").asText());
    assertEquals(truth.get("totals").get("distinct").asLong(), counts.get("written_new").asLong());
    assertEquals(
        counts.get("read").asLong(),
        counts.get("quarantined").asLong()
            + counts.get("duplicates_dropped").asLong()
            + counts.get("written_new").asLong());

    Map<String, Long> expected = new TreeMap<>();
    truth
        .get("partitions")
        .fields()
        .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
    Map<String, Long> actual = new TreeMap<>();
    for (JsonNode partition : manifest.get("partitions")) {
      JsonNode values = partition.get("values");
      actual.put(
          "name=" + values.get("name").asText() + "/d=" + values.get("d").asText(),
          partition.get("rows").asLong());
    }
    assertEquals(expected, actual);
  }

  @Test
  void aSliceWithoutInputFailsWithOneLine() {
    Result result =
        run(
            "local",
            "--dataset",
            "events",
            "--input",
            SAMPLE.toString(),
            "--output",
            tmp.toString(),
            "--slice",
            "2099-01");
    assertEquals(1, result.exit());
    assertFalse(
        result.out().contains("step register (2 of 2) started"),
        "register never starts: " + result.out());
    String[] lines = result.err().strip().split("\n");
    assertEquals(1, lines.length, result.err());
    assertTrue(
        lines[0].startsWith(
            "lakesmith: error: step curate failed (exit 1): no input for dataset 'events' slice 2099-01"),
        lines[0]);
  }

  @Test
  void configurationMistakesFailBeforeSparkStarts() {
    Result unknown = run("local", "--dataset", "nope");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("lakesmith: error: unknown dataset 'nope'"), unknown.err());
    Result zone =
        run("local", "--dataset", "events", "--conf", "lakesmith.datasets.events.source-zone=IST");
    assertEquals(2, zone.exit());
    assertTrue(zone.err().contains("'IST' is not a region id"), zone.err());
  }
}
