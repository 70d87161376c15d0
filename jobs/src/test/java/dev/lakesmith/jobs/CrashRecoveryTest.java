package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.PublishProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: the curate job runs in a child JVM (as spark-submit runs it) and is killed with
 * SIGKILL while it publishes, or before it has staged anything; the next run recovers and the table
 * equals the one clean runs leave.
 */
class CrashRecoveryTest {
  @TempDir static Path tmp;
  private static LateSliceRuns runs;
  private static TableState clean;

  @BeforeAll
  static void cleanRun() throws Exception {
    runs = new LateSliceRuns(tmp.resolve("raw"));
    clean = runs.cleanTable(tmp.resolve("clean"), PublishProbe.NONE);
  }

  @Test
  void aRunKilledWhilePublishingIsCompletedByTheNextRun() throws Exception {
    Path out = tmp.resolve("killed-publishing");
    runs.curate(out, "2023-06", PublishProbe.NONE);
    String runId = "killed-while-publishing";
    Process child = startChild(out, "2023-07", runId);
    awaitStatus(out, runId, child, RunManifest.PUBLISHING::equals);
    Thread.sleep(2_500); // inside the adds: each publish step pauses 2 s in this child
    kill(child);
    assertEquals(RunManifest.PUBLISHING, manifest(out, runId).status());

    RunManifest next = runs.curate(out, "2023-07", PublishProbe.NONE);

    assertEquals(clean, TableState.of(out));
    TableState.assertSettled(out);
    RunManifest killed = manifest(out, runId);
    assertEquals(RunManifest.SUCCEEDED, killed.status());
    assertEquals(next.runId(), killed.completedBy());
  }

  @Test
  void aRunKilledBeforePublishingIsMarkedFailedAndLeavesNothing() throws Exception {
    Path out = tmp.resolve("killed-running");
    runs.curate(out, "2023-06", PublishProbe.NONE);
    String runId = "killed-while-running";
    Process child = startChild(out, "2023-07", runId);
    awaitStatus(out, runId, child, RunManifest.RUNNING::equals);
    kill(child);

    runs.curate(out, "2023-07", PublishProbe.NONE);

    assertEquals(clean, TableState.of(out));
    TableState.assertSettled(out);
    RunManifest killed = manifest(out, runId);
    assertEquals(RunManifest.FAILED, killed.status());
    assertTrue(killed.error().startsWith("abandoned"), killed.error());
  }

  private static Process startChild(Path out, String slice, String runId) throws Exception {
    return CurateChild.events(
        tmp,
        runs,
        out,
        slice,
        runId,
        "lakesmith.publish.step-delay=2s",
        "lakesmith.publish.lease.ttl=4s");
  }

  private static void awaitStatus(Path out, String runId, Process child, Predicate<String> wanted)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      Optional<RunManifest> manifest =
          ManifestWriter.read(
              new Configuration(), ManifestWriter.path(out.toString(), "events", runId));
      if (manifest.isPresent() && wanted.test(manifest.get().status())) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError(
            "child ended (exit "
                + child.exitValue()
                + ") before the moment to kill it: "
                + Files.readString(tmp.resolve(runId + ".log")));
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    throw new AssertionError("child never reached the moment to kill it");
  }

  /** SIGKILL: no shutdown hook, no finally block runs. */
  private static void kill(Process child) throws Exception {
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
  }

  private static RunManifest manifest(Path out, String runId) throws Exception {
    return ManifestWriter.read(
            new Configuration(), ManifestWriter.path(out.toString(), "events", runId))
        .orElseThrow();
  }
}
