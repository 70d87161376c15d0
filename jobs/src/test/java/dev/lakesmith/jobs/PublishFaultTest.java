package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.PublishJournal;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.PublishProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails the late slice (2023-07, which replaces a file of a 2023-06 partition and adds a new one)
 * at every step of its publish, then runs again, and checks the table equals the one a clean run
 * leaves: every row once, no stray file, every run settled.
 */
class PublishFaultTest {
  @TempDir static Path tmp;
  private static LateSliceRuns runs;
  private static TableState clean;
  private static List<String> steps;
  private final SparkSession spark = SparkTestSession.get();

  @BeforeAll
  static void cleanRun() throws Exception {
    runs = new LateSliceRuns(tmp.resolve("raw"));
    List<String> seen = new ArrayList<>();
    Path out = tmp.resolve("clean");
    clean = runs.cleanTable(out, seen::add);
    steps = List.copyOf(seen);
    TableState.assertSettled(out);
  }

  @Test
  void thePublishHasTheStepsUnderTest() {
    assertEquals("staged", steps.get(0));
    assertTrue(steps.contains("journal"));
    assertTrue(steps.contains("add:1"), steps.toString());
    assertTrue(steps.contains("remove:0"), steps.toString());
    assertEquals("cleaned", steps.get(steps.size() - 1));
    assertEquals(
        Long.valueOf(2), clean.rowsPerPartition().get("account_created/2023-06-18"), "late row");
  }

  @Test
  void aFailureAtAnyStepIsCompletedOrUndoneByTheRerun() throws Exception {
    for (String step : steps) {
      Path out = tmp.resolve("rerun-" + step.replace(':', '-'));
      curate(out, "2023-06", PublishProbe.NONE);
      RuntimeException failure =
          assertThrows(RuntimeException.class, () -> curate(out, "2023-07", failAt(step)));
      String failedRun = runIds(out).get(1);
      curate(out, "2023-07", PublishProbe.NONE);
      assertEquals(clean, TableState.of(out), "after a failure at " + step);
      TableState.assertSettled(out);
      RunManifest failed = manifest(out, failedRun);
      boolean published = steps.indexOf(step) >= steps.indexOf("journal");
      assertEquals(
          published ? RunManifest.SUCCEEDED : RunManifest.FAILED,
          failed.status(),
          "run failed at " + step + ": " + failure.getMessage());
    }
  }

  @Test
  void anInterruptedPublishIsCompletedByARunOfAnotherSlice() throws Exception {
    Path out = tmp.resolve("other-slice");
    curate(out, "2023-06", PublishProbe.NONE);
    JobFailure failure =
        assertThrows(JobFailure.class, () -> curate(out, "2023-07", failAt("add:0")));
    assertEquals(JobFailure.INTERNAL, failure.exitCode());
    assertTrue(failure.getMessage().contains("completes this publish"), failure.getMessage());
    String interrupted = runIds(out).get(1);
    assertEquals(RunManifest.PUBLISHING, manifest(out, interrupted).status());

    RunManifest june = curate(out, "2023-06", PublishProbe.NONE);

    assertEquals(clean, TableState.of(out));
    TableState.assertSettled(out);
    RunManifest completed = manifest(out, interrupted);
    assertEquals(RunManifest.SUCCEEDED, completed.status());
    assertEquals(june.runId(), completed.completedBy());
    assertEquals(1, june.recovered().size(), june.recovered().toString());
  }

  @Test
  void aStagedFileRemovedByHandRollsThePublishBackInsteadOfBlockingEveryRun() throws Exception {
    Path out = tmp.resolve("staged-file-gone");
    curate(out, "2023-06", PublishProbe.NONE);
    TableState june = TableState.of(out);
    assertThrows(JobFailure.class, () -> curate(out, "2023-07", failAt("add:0")));
    String interrupted = runIds(out).get(1);
    List<PublishJournal.Move> adds = manifest(out, interrupted).publish().adds();
    java.nio.file.Files.delete(local(adds.get(1).from()));
    assertTrue(
        java.nio.file.Files.exists(local(adds.get(0).to())),
        "the first new file is in the table before the roll back");

    RunManifest rerun = curate(out, "2023-06", PublishProbe.NONE);

    assertEquals(june, TableState.of(out), "the table is as before the interrupted run");
    TableState.assertSettled(out);
    RunManifest rolledBack = manifest(out, interrupted);
    assertEquals(RunManifest.FAILED, rolledBack.status());
    assertTrue(
        rolledBack.error().startsWith("rolled back: 1 of its staged files were gone")
            && rolledBack.error().contains("Run its slice (2023-07) again"),
        rolledBack.error());
    assertEquals(rerun.runId(), rolledBack.completedBy());
    curate(out, "2023-07", PublishProbe.NONE);
    assertEquals(clean, TableState.of(out));
  }

  @Test
  void aNewFileRemovedFromTheTableAfterDeletesBeganIsPublishedWithoutAndNamed() throws Exception {
    Path out = tmp.resolve("placed-file-gone");
    curate(out, "2023-06", PublishProbe.NONE);
    assertThrows(JobFailure.class, () -> curate(out, "2023-07", failAt("remove:0")));
    String interrupted = runIds(out).get(1);
    PublishJournal journal = manifest(out, interrupted).publish();
    PublishJournal.PartitionSwap replaced =
        journal.partitions().stream().filter(p -> !p.remove().isEmpty()).findFirst().orElseThrow();
    java.nio.file.Files.delete(local(replaced.add().get(0).to()));

    curate(out, "2023-06", PublishProbe.NONE);

    RunManifest without = manifest(out, interrupted);
    assertEquals(RunManifest.FAILED, without.status());
    assertTrue(
        without.error().startsWith("published without the missing files: 1 of its staged files")
            && without.error().contains(replaced.path())
            && without.error().contains("every other slice with data in those partitions"),
        without.error());
    TableState.assertSettled(out);
    curate(out, "2023-07", PublishProbe.NONE);
    assertEquals(clean, TableState.of(out), "rerunning the slices restores the table");
  }

  private static Path local(String path) {
    return Path.of(new org.apache.hadoop.fs.Path(path).toUri().getPath());
  }

  @Test
  void aFailureBeforeTheJournalLeavesAFailedManifestAndNoStaging() throws Exception {
    Path out = tmp.resolve("before-journal");
    curate(out, "2023-06", PublishProbe.NONE);
    TableState before = TableState.of(out);
    assertThrows(RuntimeException.class, () -> curate(out, "2023-07", failAt("staged")));
    assertEquals(before, TableState.of(out));
    TableState.assertSettled(out);
    RunManifest failed = manifest(out, runIds(out).get(1));
    assertEquals(RunManifest.FAILED, failed.status());
    assertTrue(failed.error().contains("injected"), failed.error());
  }

  @Test
  void leftoversOfOlderInTableWritesAreRemovedByTheNextRun() throws Exception {
    Path out = tmp.resolve("legacy-leftovers");
    curate(out, "2023-06", PublishProbe.NONE);
    Path table = out.resolve("events");
    Path sparkStaging = table.resolve(".spark-staging-0a1b/name=account_created/d=2023-06-18");
    java.nio.file.Files.createDirectories(sparkStaging);
    java.nio.file.Files.copy(
        firstParquet(table.resolve("name=account_created/d=2023-06-18")),
        sparkStaging.resolve("part-00000-copy.c000.snappy.parquet"));
    java.nio.file.Files.createDirectories(table.resolve("_temporary/0"));
    java.nio.file.Files.writeString(table.resolve("_SUCCESS"), "");

    RunManifest july = curate(out, "2023-07", PublishProbe.NONE);

    assertEquals(clean, TableState.of(out));
    assertTrue(
        july.recovered()
            .contains("removed 3 leftovers of interrupted writes from " + july.outputs().table()),
        july.recovered().toString());
  }

  private static Path firstParquet(Path partition) throws Exception {
    try (var files = java.nio.file.Files.list(partition)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  private static PublishProbe failAt(String step) {
    return reached -> {
      if (reached.equals(step)) {
        throw new IllegalStateException("injected failure at " + step);
      }
    };
  }

  private static List<String> runIds(Path out) throws Exception {
    try (var files = java.nio.file.Files.list(out.resolve("_runs/events"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    }
  }

  private static RunManifest manifest(Path out, String runId) throws Exception {
    return ManifestWriter.read(
            new Configuration(), ManifestWriter.path(out.toString(), "events", runId))
        .orElseThrow();
  }

  private static RunManifest curate(Path out, String slice, PublishProbe probe) {
    return runs.curate(out, slice, probe);
  }
}
