package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.iceberg.Maintenance;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real crashes of an Iceberg run: the curate job runs in a child JVM and is killed with SIGKILL
 * before it commits, while it writes its data files, and after it committed but before it wrote its
 * manifest. Each time the table is at its last snapshot, the next run succeeds and leaves the table
 * clean runs leave, and maintenance removes the files the killed run left unreferenced.
 */
class IcebergCrashTest {
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";

  @TempDir static Path tmp;
  private static LateSliceRuns raw;
  private static List<String> juneRows;
  private static List<String> cleanRows;
  private static TableState clean;

  @BeforeAll
  static void cleanRuns() throws Exception {
    raw = new LateSliceRuns(tmp.resolve("raw"));
    Path out = tmp.resolve("clean");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    juneRows = IcebergReadback.rows(out);
    curate(spark, out, "2023-07");
    cleanRows = IcebergReadback.rows(out);
    clean = IcebergReadback.state(out);
  }

  @Test
  void aRunKilledBeforeItCommitsLeavesTheLastSnapshot() throws Exception {
    Path out = tmp.resolve("before-commit");
    SparkSession spark = SparkTestSession.get().newSession();
    RunManifest june = curate(spark, out, "2023-06");
    String runId = "killed-before-commit";
    Process child = startChild(out, runId);
    await(child, runId, () -> status(out, runId).equals(RunManifest.RUNNING));
    kill(child);

    assertEquals(june.icebergSnapshotId(), current(out).snapshotId());
    assertEquals(juneRows, IcebergReadback.rows(out));
    RunManifest next = curate(spark, out, "2023-07");
    assertTableIsClean(out);
    RunManifest killed = manifest(out, runId);
    assertEquals(RunManifest.FAILED, killed.status());
    assertTrue(killed.error().startsWith("abandoned"), killed.error());
    assertEquals(next.runId(), killed.completedBy());
    maintainAndCheckNoOrphans(spark, out);
  }

  @Test
  void aRunKilledWhileItWritesLeavesTheLastSnapshotAndOrphansThatMaintenanceRemoves()
      throws Exception {
    Path out = tmp.resolve("while-writing");
    SparkSession spark = SparkTestSession.get().newSession();
    RunManifest june = curate(spark, out, "2023-06");
    Set<Path> before = dataFilesOnDisk(out);
    String runId = "killed-while-writing";
    Process child = startChild(out, runId);
    List<Path> seen = new ArrayList<>();
    await(
        child,
        runId,
        () -> {
          dataFilesOnDisk(out).stream().filter(p -> !before.contains(p)).forEach(seen::add);
          return !seen.isEmpty();
        });
    kill(child);

    Snapshot last = current(out);
    boolean committed = runId.equals(last.summary().get("lakesmith.run-id"));
    if (committed) { // the commit won the race with the kill: the run's snapshot is the last one
      assertEquals(cleanRows, IcebergReadback.rows(out));
      assertTrue(referencedDataFiles(out).containsAll(seen));
    } else {
      assertEquals(june.icebergSnapshotId(), last.snapshotId());
      assertEquals(juneRows, IcebergReadback.rows(out));
      assertTrue(orphans(out).containsAll(seen), "files the killed run wrote: " + seen);
    }
    curate(spark, out, "2023-07");
    assertTableIsClean(out);
    assertEquals(
        committed ? RunManifest.SUCCEEDED : RunManifest.FAILED, manifest(out, runId).status());
    maintainAndCheckNoOrphans(spark, out);
    for (Path file : seen) {
      assertEquals(committed, Files.exists(file), file.toString());
    }
  }

  @Test
  void aRunKilledAfterItCommittedIsCompletedFromItsSnapshot() throws Exception {
    Path out = tmp.resolve("after-commit");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    String runId = "killed-after-commit";
    Process child = startChild(out, runId);
    await(
        child,
        runId,
        () ->
            Stream.iterate(current(out), s -> s != null, s -> parent(out, s))
                .anyMatch(s -> runId.equals(s.summary().get("lakesmith.run-id"))));
    kill(child);

    Snapshot last = current(out);
    assertEquals(runId, last.summary().get("lakesmith.run-id"));
    assertEquals(RunManifest.RUNNING, status(out, runId), "killed before its manifest");
    assertEquals(cleanRows, IcebergReadback.rows(out));
    RunManifest next = curate(spark, out, "2023-07");
    assertNull(next.icebergSnapshotId(), "the killed run's rows are there: nothing to commit");
    assertTableIsClean(out);
    RunManifest killed = manifest(out, runId);
    assertEquals(RunManifest.SUCCEEDED, killed.status());
    assertEquals(last.snapshotId(), killed.icebergSnapshotId());
    assertEquals(next.runId(), killed.completedBy());
    assertEquals(3, killed.counts().read());
    assertTrue(killed.accountingIdentityHolds());
    maintainAndCheckNoOrphans(spark, out);
  }

  private static void assertTableIsClean(Path out) {
    assertEquals(cleanRows, IcebergReadback.rows(out));
    assertEquals(clean, IcebergReadback.state(out));
  }

  private static void maintainAndCheckNoOrphans(SparkSession spark, Path out) {
    MaintainJob job = new MaintainJob();
    new CommandLine(job)
        .parseArgs(
            "--dataset",
            "events",
            "--output",
            out.toString(),
            "--conf",
            ICEBERG,
            "--conf",
            "lakesmith.iceberg.maintenance.orphan-age=0s");
    Maintenance.Done done = job.run(spark, new PrintStream(new ByteArrayOutputStream(), true));
    assertEquals(Set.of(), orphans(out), "after maintenance (" + done + ")");
    assertTableIsClean(out);
  }

  private static Process startChild(Path out, String runId) throws Exception {
    return CurateChild.events(
        tmp,
        raw,
        out,
        "2023-07",
        runId,
        ICEBERG,
        "lakesmith.publish.step-delay=2s",
        "lakesmith.publish.lease.ttl=4s");
  }

  private static void await(Process child, String runId, Supplier<Boolean> moment)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (moment.get()) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError(
            "child ended (exit "
                + child.exitValue()
                + ") before the moment to kill it: "
                + Files.readString(tmp.resolve(runId + ".log")));
      }
      Thread.sleep(10);
    }
    child.destroyForcibly();
    String log = Files.readString(tmp.resolve(runId + ".log"));
    throw new AssertionError(
        "child never reached the moment to kill it: "
            + log.substring(Math.max(0, log.length() - 4000)));
  }

  /** SIGKILL: no shutdown hook, no finally block runs. */
  private static void kill(Process child) throws Exception {
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
  }

  private static RunManifest curate(SparkSession spark, Path out, String slice) {
    return TestCuration.events(spark, raw.raw.root(), out, slice, LateSliceRuns.LENIENT, ICEBERG);
  }

  private static Snapshot current(Path out) {
    return Files.exists(out.resolve("_iceberg"))
        ? IcebergReadback.table(out).currentSnapshot()
        : null;
  }

  private static Snapshot parent(Path out, Snapshot s) {
    return s.parentId() == null ? null : IcebergReadback.table(out).snapshot(s.parentId());
  }

  private static String status(Path out, String runId) {
    try {
      Optional<RunManifest> m =
          ManifestWriter.read(
              new Configuration(), ManifestWriter.path(out.toString(), "events", runId));
      return m.map(RunManifest::status).orElse("none");
    } catch (IOException e) {
      return "unreadable"; // being written
    }
  }

  private static RunManifest manifest(Path out, String runId) throws Exception {
    return ManifestWriter.read(
            new Configuration(), ManifestWriter.path(out.toString(), "events", runId))
        .orElseThrow();
  }

  private static Path dataDir(Path out) {
    return out.resolve("_iceberg/lakesmith/events/data");
  }

  /** Data files in the table's folder (not Hadoop's hidden checksum files). */
  private static Set<Path> dataFilesOnDisk(Path out) {
    try (Stream<Path> files = Files.walk(dataDir(out))) {
      Set<Path> found = new HashSet<>();
      files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(found::add);
      return found;
    } catch (IOException | UncheckedIOException e) {
      return Set.of(); // a file or folder appeared or went while walking: look again
    }
  }

  /** Data files any snapshot of the table references. */
  private static Set<Path> referencedDataFiles(Path out) {
    Table table = IcebergReadback.table(out);
    Set<Path> referenced = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
        try (CloseableIterable<DataFile> files = ManifestFiles.read(manifest, table.io())) {
          files.forEach(f -> referenced.add(Path.of(f.location().replaceFirst("^file:", ""))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return referenced;
  }

  private static Set<Path> orphans(Path out) {
    Set<Path> orphans = new HashSet<>(dataFilesOnDisk(out));
    orphans.removeAll(referencedDataFiles(out));
    return orphans;
  }
}
