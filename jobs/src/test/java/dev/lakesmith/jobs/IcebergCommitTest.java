package dev.lakesmith.jobs;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.IcebergSparkSettings;
import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.iceberg.IcebergCatalog;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.PublishProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What readers and other writers see of an Iceberg run's commit: a reader polling the table
 * throughout a run sees the rows before it or after it, nothing in between; a commit by another
 * writer to the run's partitions between its read and its commit is detected, and the run reads
 * again and merges again so both updates survive (bounded, then one clear line); two overlapping
 * runs at once end with the union of their rows.
 */
class IcebergCommitTest {
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";
  private static final String TABLE = "lakesmith.lakesmith.events";

  /** A partition the July run rewrites (its late row lands there). */
  private static final String LATE_PARTITION = "name = 'account_created' AND d = '2023-06-18'";

  @TempDir static Path tmp;
  private static LateSliceRuns raw;
  private static List<String> juneRows;
  private static List<String> julyRows;

  @BeforeAll
  static void cleanRuns() throws Exception {
    raw = new LateSliceRuns(tmp.resolve("raw"));
    Path clean = tmp.resolve("clean");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, clean, "2023-06", PublishProbe.NONE, new ByteArrayOutputStream());
    juneRows = IcebergReadback.rows(clean);
    curate(spark, clean, "2023-07", PublishProbe.NONE, new ByteArrayOutputStream());
    julyRows = IcebergReadback.rows(clean);
  }

  @Test
  void aReaderDuringARunSeesTheRowsBeforeItOrAfterItNeverAnythingElse() throws Exception {
    Path out = tmp.resolve("reader");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06", PublishProbe.NONE, new ByteArrayOutputStream());
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              while (!done.get()) {
                seen.add(IcebergReadback.rows(out));
              }
            });
    // The run waits at its last step before the commit and at its first after it until the reader
    // has read again, so reads fall on both sides of the commit and while it happens.
    PublishProbe readerKeepsUp =
        step -> {
          if (step.equals("merged") || step.equals("committed")) {
            int before = seen.size();
            while (seen.size() < before + 2 && !reader.isDone()) {
              Thread.onSpinWait();
            }
          }
        };
    RunManifest july = curate(spark, out, "2023-07", readerKeepsUp, new ByteArrayOutputStream());
    int afterRun = seen.size();
    while (seen.size() < afterRun + 1 && !reader.isDone()) {
      Thread.onSpinWait();
    }
    done.set(true);
    reader.join();

    assertEquals(RunManifest.SUCCEEDED, july.status());
    assertEquals(julyRows, IcebergReadback.rows(out));
    List<Integer> counts = seen.stream().map(List::size).distinct().sorted().toList();
    assertEquals(List.of(juneRows.size(), julyRows.size()), counts, "row counts a reader saw");
    for (List<String> rows : seen) {
      assertTrue(rows.equals(juneRows) || rows.equals(julyRows), "a reader saw " + rows);
    }
    assertTrue(seen.contains(juneRows) && seen.contains(julyRows), seen.size() + " reads");
  }

  @Test
  void aCommitByAnotherWriterInBetweenIsDetectedAndMergedAgain() throws Exception {
    Path out = tmp.resolve("conflict");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06", PublishProbe.NONE, new ByteArrayOutputStream());
    List<String> injected = new CopyOnWriteArrayList<>();
    PublishProbe otherWriterOnce =
        step -> {
          if (step.equals("merged") && injected.isEmpty()) {
            injected.add(injectRow(spark, 1));
          }
        };
    ByteArrayOutputStream says = new ByteArrayOutputStream();
    RunManifest july = curate(spark, out, "2023-07", otherWriterOnce, says);

    assertEquals(RunManifest.SUCCEEDED, july.status());
    assertEquals(2, july.commitAttempts());
    assertEquals(2, manifest(out, july.runId()).commitAttempts(), "as written to the manifest");
    String lines = says.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("reading again and merging again (try 2 of 3)"), lines);
    List<String> union = new ArrayList<>(julyRows);
    union.addAll(injected);
    assertEquals(union.stream().sorted().toList(), IcebergReadback.rows(out));
    assertEquals(
        1, IcebergReadback.records(out).stream().filter(IcebergCommitTest::isInjected).count());
    Table table = IcebergReadback.table(out);
    Snapshot current = table.currentSnapshot();
    assertEquals(july.icebergSnapshotId(), current.snapshotId());
    Snapshot other = table.snapshot(current.parentId());
    assertEquals("append", other.operation(), "the other writer's commit is July's parent");
    // The late partition holds June's row, July's late row and the other writer's row.
    assertEquals(1, injected.size());
    assertTrue(injected.get(0).startsWith("account_created|2023-06-18T"), injected.get(0));
    assertEquals(3, july.partitions().get(0).rows());
  }

  @Test
  void aRunThatKeepsLosingGivesUpAfterItsTriesWithOneLine() throws Exception {
    Path out = tmp.resolve("gives-up");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06", PublishProbe.NONE, new ByteArrayOutputStream());
    AtomicInteger injected = new AtomicInteger();
    PublishProbe otherWriterEveryTime =
        step -> {
          if (step.equals("merged")) {
            injectRow(spark, injected.incrementAndGet());
          }
        };
    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () ->
                curate(
                    spark,
                    out,
                    "2023-07",
                    otherWriterEveryTime,
                    new ByteArrayOutputStream(),
                    "lakesmith.iceberg.commit-attempts=2"));

    assertEquals(JobFailure.INTERNAL, failure.exitCode());
    assertTrue(failure.getMessage().contains("tried 2 times"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("lakesmith.iceberg.commit-attempts"), failure.getMessage());
    assertTrue(!failure.getMessage().contains("\n"), failure.getMessage());
    assertEquals(2, injected.get());
    RunManifest failed =
        manifests(out).stream()
            .filter(m -> m.status().equals(RunManifest.FAILED))
            .findFirst()
            .get();
    assertEquals(2, failed.commitAttempts());
    assertNull(failed.icebergSnapshotId());
    // The table holds June and the other writer's two rows; nothing of the failed run.
    assertEquals(juneRows.size() + 2, IcebergReadback.rows(out).size());
    assertEquals(
        2, IcebergReadback.records(out).stream().filter(IcebergCommitTest::isInjected).count());
    assertTrue(
        Stream.iterate(
                IcebergReadback.table(out).currentSnapshot(),
                s -> s != null,
                s ->
                    s.parentId() == null ? null : IcebergReadback.table(out).snapshot(s.parentId()))
            .noneMatch(s -> failed.runId().equals(s.summary().get("lakesmith.run-id"))));
  }

  @Test
  void twoOverlappingRunsAtOnceTakeNoLockAndEndWithTheUnionOfTheirRows() throws Exception {
    Path out = tmp.resolve("together");
    SparkSession first = SparkTestSession.get().newSession();
    SparkSession second = SparkTestSession.get().newSession();
    CyclicBarrier bothMerged = new CyclicBarrier(2);
    List<Boolean> leaseSeen = new CopyOnWriteArrayList<>();
    CompletableFuture<RunManifest> june =
        CompletableFuture.supplyAsync(
            () ->
                curate(
                    first,
                    out,
                    "2023-06",
                    meetAfterFirstMerge(bothMerged, out, leaseSeen),
                    new ByteArrayOutputStream()));
    CompletableFuture<RunManifest> july =
        CompletableFuture.supplyAsync(
            () ->
                curate(
                    second,
                    out,
                    "2023-07",
                    meetAfterFirstMerge(bothMerged, out, leaseSeen),
                    new ByteArrayOutputStream()));

    assertEquals(RunManifest.SUCCEEDED, june.join().status());
    assertEquals(RunManifest.SUCCEEDED, july.join().status());
    assertEquals(List.of(false, false), leaseSeen, "no dataset lease while both had merged");
    // Both merged before either committed: the second to commit found the first's commit in its
    // partitions, merged again on top of it, and committed on its second try.
    assertEquals(
        List.of(1, 2),
        Stream.of(june.join(), july.join()).map(RunManifest::commitAttempts).sorted().toList());
    assertEquals(julyRows, IcebergReadback.rows(out));
    assertEquals(
        Set.of(june.join().runId(), july.join().runId()),
        Set.copyOf(
            Stream.iterate(
                    IcebergReadback.table(out).currentSnapshot(),
                    s -> s != null,
                    s ->
                        s.parentId() == null
                            ? null
                            : IcebergReadback.table(out).snapshot(s.parentId()))
                .map(s -> s.summary().get("lakesmith.run-id"))
                .toList()));
    assertTrue(
        !Files.exists(out.resolve("_leases/events"))
            || Files.list(out.resolve("_leases/events")).findAny().isEmpty(),
        "each run removed its run record");
  }

  @Test
  void runsInTwoProcessesAtOnceTakeNoLockAndEndWithTheUnionOfTheirRows() throws Exception {
    Path out = tmp.resolve("processes");
    Path logs = Files.createDirectories(tmp.resolve("process-logs"));
    // June pauses 10 s after it merged and after it committed; July starts once June merged.
    Process june =
        CurateChild.events(
            logs, raw, out, "2023-06", "june", ICEBERG, "lakesmith.publish.step-delay=10s");
    awaitLine(june, logs.resolve("june.log"), "deduplicated against");
    Process july = CurateChild.events(logs, raw, out, "2023-07", "july", ICEBERG);

    assertTrue(july.waitFor(5, TimeUnit.MINUTES), "july ended");
    assertEquals(0, july.exitValue(), Files.readString(logs.resolve("july.log")));
    assertTrue(june.waitFor(5, TimeUnit.MINUTES), "june ended");
    assertEquals(0, june.exitValue(), Files.readString(logs.resolve("june.log")));

    RunManifest juneRun = manifest(out, "june");
    RunManifest julyRun = manifest(out, "july");
    assertEquals(RunManifest.SUCCEEDED, juneRun.status());
    assertEquals(RunManifest.SUCCEEDED, julyRun.status());
    // Under a dataset lease July's set-up (taking the lease) would end only after June ended.
    Instant julySetUp =
        Instant.parse(julyRun.startedAt()).plusMillis(julyRun.timingsMs().get("setup"));
    assertTrue(
        julySetUp.isBefore(Instant.parse(juneRun.finishedAt())),
        "july set up at " + julySetUp + ", june finished at " + juneRun.finishedAt());
    assertEquals(julyRows, IcebergReadback.rows(out), "the union, each row once");
    Table table = IcebergReadback.table(out);
    if (table.currentSnapshot().snapshotId() == juneRun.icebergSnapshotId()) {
      // July committed into June's partitions after June read them: June merged again.
      assertEquals(julyRun.icebergSnapshotId(), table.currentSnapshot().parentId());
      assertEquals(2, juneRun.commitAttempts());
    }
    for (String log : List.of("june.log", "july.log")) {
      String lines = Files.readString(logs.resolve(log));
      assertTrue(!lines.contains("waiting up to"), lines);
    }
  }

  @Test
  void onlyCatalogsWhoseCommitsCannotOverwriteEachOtherRunWithoutTheLease() {
    IcebergCatalog local =
        IcebergCatalog.configure(
            SparkTestSession.get().newSession(), tmp.resolve("local").toString(), "lakesmith");
    assertTrue(local.atomicCommits(), "local disk: the Hadoop catalog with the commit lock");
    SparkSession onS3 = SparkTestSession.get().newSession();
    IcebergCatalog s3 = IcebergCatalog.configure(onS3, "s3a://bucket/curated", "lakesmith");
    assertTrue(!s3.atomicCommits(), "S3: a rename that is no atomic swap");
    assertTrue(!onS3.conf().contains("spark.sql.catalog.lakesmith.lock-impl"));
    SparkSession glue = SparkTestSession.get().newSession();
    IcebergSparkSettings.glue("s3://bucket/curated").forEach(glue.conf()::set);
    assertTrue(IcebergCatalog.configure(glue, "s3://bucket/curated", "lakesmith").atomicCommits());
  }

  private static void awaitLine(Process child, Path log, String line) throws Exception {
    for (int i = 0; i < 30_000; i++) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("child ended before '" + line + "': " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    child.destroyForcibly();
    throw new AssertionError("child never said '" + line + "': " + Files.readString(log));
  }

  /**
   * Holds a run after its first merge until the other run has merged too, so neither has committed
   * when both have read the table.
   */
  private static PublishProbe meetAfterFirstMerge(
      CyclicBarrier barrier, Path out, List<Boolean> leaseSeen) {
    AtomicBoolean met = new AtomicBoolean();
    return step -> {
      if (step.equals("merged") && met.compareAndSet(false, true)) {
        leaseSeen.add(Files.exists(out.resolve("_leases/events.json")));
        try {
          barrier.await(5, TimeUnit.MINUTES);
        } catch (Exception e) {
          throw new IllegalStateException("the other run never merged", e);
        }
      }
    };
  }

  /**
   * Another writer appends a row of its own (a new payload, so a distinct key) to the partition the
   * July run rewrites.
   */
  private static String injectRow(SparkSession spark, int n) {
    try {
      Dataset<Row> row =
          spark
              .table(TABLE)
              .filter(LATE_PARTITION)
              .orderBy("tstamp")
              .limit(1)
              .withColumn("payload_md5", lit("another-writer-" + n));
      List<Row> one = row.selectExpr("name", "unix_micros(tstamp)", "d").collectAsList();
      assertEquals(1, one.size(), "the other writer's row");
      row.writeTo(TABLE).append();
      return one.get(0).getString(0)
          + "|"
          + Instant.EPOCH.plus(one.get(0).getLong(1), ChronoUnit.MICROS)
          + "|"
          + one.get(0).getString(2);
    } catch (NoSuchTableException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isInjected(org.apache.iceberg.data.Record r) {
    return String.valueOf(r.getField("payload_md5")).startsWith("another-writer-");
  }

  static RunManifest curate(
      SparkSession spark,
      Path out,
      String slice,
      PublishProbe probe,
      ByteArrayOutputStream says,
      String... conf) {
    List<String> overrides = new ArrayList<>(List.of(LateSliceRuns.LENIENT, ICEBERG));
    overrides.addAll(List.of(conf));
    return new CurateRun(spark, new PrintStream(says, true), probe)
        .run(
            new CurateOptions(
                "events",
                Optional.of(raw.raw.root().toString()),
                Optional.of(out.toString()),
                Optional.of(slice),
                Optional.empty(),
                List.of(),
                overrides));
  }

  private static RunManifest manifest(Path out, String runId) throws Exception {
    return ManifestWriter.read(
            new Configuration(), ManifestWriter.path(out.toString(), "events", runId))
        .orElseThrow();
  }

  private static List<RunManifest> manifests(Path out) throws Exception {
    List<RunManifest> all = new ArrayList<>();
    try (var files = Files.list(out.resolve("_runs/events"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        all.add(ManifestWriter.read(new Configuration(), p.toString()).orElseThrow());
      }
    }
    return all;
  }
}
