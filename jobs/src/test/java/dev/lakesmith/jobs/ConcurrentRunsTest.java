package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.PublishProbe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of overlapping slices into one output at once: the dataset lease lets one write at a
 * time, so the table ends as the union of both (no lost update), or the second gives up with one
 * line naming the holder when it may not wait.
 */
class ConcurrentRunsTest {
  @TempDir static Path tmp;
  private static LateSliceRuns runs;
  private static TableState union;

  @BeforeAll
  static void sequentialRuns() throws Exception {
    runs = new LateSliceRuns(tmp.resolve("raw"));
    union = runs.cleanTable(tmp.resolve("sequential"), PublishProbe.NONE);
  }

  @Test
  void overlappingRunsAtOnceEndWithTheUnionOfTheirRows() throws Exception {
    Path out = tmp.resolve("together");
    ByteArrayOutputStream secondSays = new ByteArrayOutputStream();
    CompletableFuture<RunManifest> first =
        CompletableFuture.supplyAsync(
            () -> run(out, "2023-06", new ByteArrayOutputStream(), slowly(), "10m"));
    awaitLease(out);
    RunManifest second = run(out, "2023-07", secondSays, PublishProbe.NONE, "10m");
    RunManifest june = first.join();

    assertEquals(RunManifest.SUCCEEDED, june.status());
    assertEquals(RunManifest.SUCCEEDED, second.status());
    assertTrue(
        secondSays.toString(StandardCharsets.UTF_8).contains("waiting up to PT10M for run "),
        secondSays.toString(StandardCharsets.UTF_8));
    assertEquals(union, TableState.of(out));
    TableState.assertSettled(out);
    String lines = secondSays.toString(StandardCharsets.UTF_8);
    assertTrue(
        lines.matches(
            "(?s).*lakesmith: read 3 records from 2 files in \\d+\\.\\d s: [\\d,]+ records/s, .*"),
        lines);
    assertTrue(
        lines.matches("(?s).*lakesmith: published [\\d,]+ files \\([\\d,]+ bytes\\) into .*"),
        lines);
  }

  @Test
  void aRunThatMayNotWaitFailsNamingTheHolder() throws Exception {
    Path out = tmp.resolve("refused");
    CompletableFuture<RunManifest> first =
        CompletableFuture.supplyAsync(
            () -> run(out, "2023-06", new ByteArrayOutputStream(), slowly(), "10m"));
    String holder = awaitLease(out);
    JobFailure refused =
        assertThrows(
            JobFailure.class,
            () -> run(out, "2023-07", new ByteArrayOutputStream(), PublishProbe.NONE, "0s"));
    first.join();

    assertEquals(JobFailure.INTERNAL, refused.exitCode());
    assertTrue(
        refused.getMessage().startsWith("dataset 'events' is being written by run " + holder),
        refused.getMessage());
    List<RunManifest> failed =
        manifests(out).stream().filter(m -> m.status().equals(RunManifest.FAILED)).toList();
    assertEquals(1, failed.size());
    assertEquals(refused.getMessage(), failed.get(0).error());
    TableState.assertSettled(out);
  }

  /** Holds the lease a while: each publish step of this run pauses. */
  private static PublishProbe slowly() {
    return PublishProbe.pausing(java.time.Duration.ofMillis(700));
  }

  private static String awaitLease(Path out) throws Exception {
    Path lease = out.resolve("_leases/events.json");
    for (int i = 0; i < 3000 && !Files.exists(lease); i++) {
      Thread.sleep(10);
    }
    return ManifestWriter.JSON.readTree(lease.toFile()).get("run_id").asText();
  }

  private static RunManifest run(
      Path out, String slice, ByteArrayOutputStream says, PublishProbe probe, String wait) {
    return runs.curate(out, slice, probe, says, "lakesmith.publish.lease.wait=" + wait);
  }

  private static List<RunManifest> manifests(Path out) throws Exception {
    try (var files = Files.list(out.resolve("_runs/events"))) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(
              p -> {
                try {
                  return ManifestWriter.read(new Configuration(), p.toString()).orElseThrow();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
