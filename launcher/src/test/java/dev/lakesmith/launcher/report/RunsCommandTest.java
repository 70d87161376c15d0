package dev.lakesmith.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakesmith runs}: a dataset's runs from the manifests under an output directory. */
class RunsCommandTest {
  @TempDir Path output;

  @BeforeEach
  void twoRuns() throws Exception {
    Gaps gaps =
        new Gaps(
            "day",
            List.of("name"),
            3,
            1,
            List.of(
                new Gaps.Group(
                    Map.of("name", "page_viewed"),
                    "2023-10-30",
                    "2023-11-07",
                    2,
                    List.of(new Gaps.Range("2023-11-02", "2023-11-03", 2)),
                    Map.of("2023-03-12", 3L, "2023-10-30", 5L, "2023-11-07", 6L),
                    List.of(new Gaps.Outlier("2023-03-12", "2023-03-12", 1, 3))),
                new Gaps.Group(
                    Map.of("name", "account_created"),
                    "2023-10-30",
                    "2023-10-30",
                    0,
                    List.of(),
                    Map.of("2023-03-12", 1L, "2023-10-30", 2L),
                    List.of(new Gaps.Outlier("2023-03-12", "2023-03-12", 1, 1)))));
    TestManifests.write(
        output,
        TestManifests.run(
            "20231101T000000Z-aaaaaa",
            RunManifest.SUCCEEDED,
            "2023-10",
            "2023-11-01T00:00:00Z",
            "2023-11-01T00:00:27.500Z",
            new Counts(3216, 21, 151, 3044, 0),
            List.of(
                TestManifests.partition("page_viewed", "2023-10-30", 5),
                TestManifests.partition("page_viewed", "2023-11-07", 6)),
            gaps,
            List.of(),
            null));
    TestManifests.write(
        output,
        TestManifests.run(
            "20231102T000000Z-bbbbbb",
            RunManifest.FAILED,
            "2023-11",
            "2023-11-02T00:00:00Z",
            null,
            null,
            List.of(),
            null,
            List.of(),
            "too many bad records"));
    // a writer's temporary file is not a run
    Files.writeString(output.resolve("_runs/events/.20231103T000000Z-cccccc.json.tmp"), "{");
  }

  @Test
  void listsRunsNewestFirstAsAnAlignedTable() {
    CommandOutput runs =
        CommandOutput.of("runs", "--dataset", "events", "--output", output.toString());

    assertEquals(0, runs.exit(), runs.err());
    String expected =
        "RUN ID"
            + " ".repeat(19)
            + "SLICE    STATE       READ  QUARANTINED  DUPES    NEW  DURATION  PARTITIONS  GAPS\n"
            + "20231102T000000Z-bbbbbb  2023-11  FAILED"
            + " ".repeat(9)
            + "-"
            + " ".repeat(12)
            + "-      -      -         -           0  -\n"
            + "20231101T000000Z-aaaaaa  2023-10  SUCCEEDED  3,216"
            + " ".repeat(11)
            + "21    151  3,044     27.5s           2  1/3 groups: 2 missing days, 2 outlier days\n";
    assertEquals(expected, runs.out());
  }

  @Test
  void jsonAndLimit() throws Exception {
    CommandOutput runs =
        CommandOutput.of(
            "runs", "--dataset", "events", "--output", output.toString(), "--limit", "1", "--json");

    assertEquals(0, runs.exit(), runs.err());
    JsonNode json = ManifestJson.MAPPER.readTree(runs.out());
    assertEquals(1, json.size());
    JsonNode run = json.get(0);
    assertEquals("20231102T000000Z-bbbbbb", run.get("run_id").asText());
    assertEquals("FAILED", run.get("state").asText());
    assertTrue(run.get("read").isNull());
    assertEquals("too many bad records", run.get("error").asText());

    JsonNode older =
        ManifestJson.MAPPER.readTree(
            CommandOutput.of("runs", "--dataset", "events", "--output", output.toString(), "--json")
                .out());
    JsonNode gaps = older.get(1).get("gaps");
    assertEquals(27500, older.get(1).get("duration_ms").asLong());
    assertEquals(2, gaps.get("missing").asLong());
    assertEquals(2, gaps.get("outliers").asLong());
    assertEquals(3044, older.get(1).get("written_new").asLong());
  }

  @Test
  void noManifestsIsOneLineAndBadInput(@TempDir Path empty) {
    CommandOutput runs =
        CommandOutput.of("runs", "--dataset", "events", "--output", empty.toString());

    assertEquals(1, runs.exit());
    assertEquals("", runs.out());
    assertEquals(
        "lakesmith: error: no run manifests of dataset 'events' under "
            + empty.resolve("_runs/events")
            + "; check --output, or curate first (e.g. lakesmith local --dataset events)\n",
        runs.err());
  }
}
