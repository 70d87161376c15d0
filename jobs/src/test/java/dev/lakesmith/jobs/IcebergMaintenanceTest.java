package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.PublishSettings;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.iceberg.Maintenance;
import dev.lakesmith.jobs.publish.TableLease;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `maintain` on an Iceberg table: snapshots past the retention are expired (never the newest
 * min-snapshots) and the files only they referenced deleted; files no snapshot references are
 * deleted once older than orphan-age; a partition with more small files than the threshold is
 * compacted. None of it changes a row.
 */
class IcebergMaintenanceTest {
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";
  private static final String TABLE = "lakesmith.lakesmith.events";

  @TempDir static Path tmp;
  private static LateSliceRuns raw;

  @BeforeAll
  static void rawInput() throws Exception {
    raw = new LateSliceRuns(tmp.resolve("raw"));
  }

  @Test
  void snapshotsPastTheRetentionAreExpiredButTheNewestStay() throws Exception {
    Path out = tmp.resolve("expire");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    RunManifest july = curate(spark, out, "2023-07");
    List<String> rows = IcebergReadback.rows(out);
    Table table = IcebergReadback.table(out);
    List<Path> replacedByJuly = new ArrayList<>();
    for (DataFile file : table.snapshot(july.icebergSnapshotId()).removedDataFiles(table.io())) {
      replacedByJuly.add(Path.of(file.location()));
    }
    assertEquals(1, replacedByJuly.size(), "July rewrote one partition of June");
    assertTrue(Files.exists(replacedByJuly.get(0)));

    Maintenance.Done kept = maintain(spark, out);
    assertEquals(0, kept.expiredSnapshots(), "the defaults keep a week and at least 5");
    assertEquals(2, snapshots(out));
    assertTrue(Files.exists(replacedByJuly.get(0)));

    Maintenance.Done expired =
        maintain(
            spark,
            out,
            "lakesmith.iceberg.maintenance.snapshot-retention=0s",
            "lakesmith.iceberg.maintenance.min-snapshots=1");
    assertEquals(1, expired.expiredSnapshots());
    assertEquals(1, expired.expiredDataFiles());
    assertEquals(1, snapshots(out));
    assertEquals(july.icebergSnapshotId(), currentSnapshot(out));
    assertFalse(Files.exists(replacedByJuly.get(0)), "only June's snapshot referenced it");
    assertEquals(rows, IcebergReadback.rows(out));

    JobFailure refused = assertThrows(JobFailure.class, () -> rollback(spark, out, july.runId()));
    assertTrue(refused.getMessage().contains("was expired by maintenance"), refused.getMessage());
    assertEquals(rows, IcebergReadback.rows(out));
  }

  @Test
  void filesNoSnapshotReferencesAreDeletedOnceOlderThanTheOrphanAge() throws Exception {
    Path out = tmp.resolve("orphans");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    List<String> rows = IcebergReadback.rows(out);
    Path dataFile = Path.of(dataFiles(out).get(0).file().location());
    Path old = dataFile.resolveSibling("00000-0-killed-run-old.parquet");
    Path recent = dataFile.resolveSibling("00000-0-killed-run-recent.parquet");
    Files.copy(dataFile, old);
    Files.copy(dataFile, recent);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(4))));

    Maintenance.Done byDefault = maintain(spark, out);
    assertEquals(List.of(old.toString()), withoutScheme(byDefault.orphans()));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(recent), "younger than the default orphan-age (3d)");
    assertTrue(Files.exists(dataFile));

    Maintenance.Done now = maintain(spark, out, "lakesmith.iceberg.maintenance.orphan-age=0s");
    assertEquals(List.of(recent.toString()), withoutScheme(now.orphans()));
    assertFalse(Files.exists(recent));
    assertTrue(Files.exists(dataFile));
    assertEquals(rows, IcebergReadback.rows(out));
  }

  @Test
  void aRunStillWritingKeepsItsUncommittedFilesEvenAtOrphanAgeZero() throws Exception {
    Path out = tmp.resolve("live-run");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    Path dataFile = Path.of(dataFiles(out).get(0).file().location());
    Path killed = dataFile.resolveSibling("00000-0-killed-run.parquet");
    Files.copy(dataFile, killed);
    Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Path writing = dataFile.resolveSibling("00000-0-live-run.parquet");
    try (TableLease live =
        TableLease.forRun(
            new Configuration(),
            out.toString(),
            "events",
            "live",
            PublishSettings.from(ConfigLoader.load(List.of(), List.of()).source()))) {
      Files.copy(dataFile, writing);

      Maintenance.Done during = maintain(spark, out, "lakesmith.iceberg.maintenance.orphan-age=0s");
      assertEquals(List.of(killed.toString()), withoutScheme(during.orphans()));
      assertTrue(Files.exists(writing), "written by a run that has not committed yet");
    }
    Maintenance.Done after = maintain(spark, out, "lakesmith.iceberg.maintenance.orphan-age=0s");
    assertEquals(List.of(writing.toString()), withoutScheme(after.orphans()));
  }

  @Test
  void aPartitionWithMoreSmallFilesThanTheThresholdIsCompacted() throws Exception {
    Path out = tmp.resolve("compact");
    SparkSession spark = SparkTestSession.get().newSession();
    curate(spark, out, "2023-06");
    String partition = "name=anonymous_visited/d=2023-06-19";
    splitInTwo(spark, "name = 'anonymous_visited' AND d = '2023-06-19'");
    List<String> rows = IcebergReadback.rows(out);
    Map<String, Integer> before = filesPerPartition(out);
    assertEquals(2, before.get(partition), "another writer left the partition in two files");

    Maintenance.Done notOver =
        maintain(spark, out, "lakesmith.iceberg.maintenance.compact-when-files-over=2");
    assertEquals(0, notOver.compactedFiles());
    assertEquals(before, filesPerPartition(out));

    Maintenance.Done over =
        maintain(spark, out, "lakesmith.iceberg.maintenance.compact-when-files-over=1");
    assertEquals(2, over.compactedFiles());
    assertEquals(1, over.compactedInto());
    Map<String, Integer> after = new TreeMap<>(before);
    after.put(partition, 1);
    assertEquals(after, filesPerPartition(out));
    assertEquals(rows, IcebergReadback.rows(out));
  }

  @Test
  void aParquetDatasetIsRefusedWithOneLine() {
    MaintainJob job = new MaintainJob();
    new CommandLine(job)
        .parseArgs("--dataset", "events", "--output", tmp.resolve("parquet").toString());
    JobFailure refused =
        assertThrows(
            JobFailure.class,
            () ->
                job.run(
                    SparkTestSession.get().newSession(),
                    new PrintStream(new ByteArrayOutputStream(), true)));
    assertEquals(JobFailure.BAD_USAGE, refused.exitCode());
    assertTrue(refused.getMessage().contains("table-format = iceberg"), refused.getMessage());
  }

  /** Rewrites a partition as two files, as a writer other than a curate run may leave it. */
  private static void splitInTwo(SparkSession spark, String partition) throws NoSuchTableException {
    spark
        .table(TABLE)
        .filter(partition)
        .repartition(2)
        .writeTo(TABLE)
        .option("distribution-mode", "none")
        .overwritePartitions();
  }

  private static Maintenance.Done maintain(SparkSession spark, Path out, String... conf) {
    List<String> args = new ArrayList<>(List.of("--dataset", "events", "--output", out.toString()));
    for (String c : conf) {
      args.addAll(List.of("--conf", c));
    }
    args.addAll(List.of("--conf", ICEBERG));
    MaintainJob job = new MaintainJob();
    new CommandLine(job).parseArgs(args.toArray(String[]::new));
    return job.run(spark, new PrintStream(new ByteArrayOutputStream(), true));
  }

  private static RunManifest curate(SparkSession spark, Path out, String slice) {
    return TestCuration.events(spark, raw.raw.root(), out, slice, LateSliceRuns.LENIENT, ICEBERG);
  }

  private static int snapshots(Path out) {
    int n = 0;
    for (Object ignored : IcebergReadback.table(out).snapshots()) {
      n++;
    }
    return n;
  }

  private static long currentSnapshot(Path out) {
    return IcebergReadback.table(out).currentSnapshot().snapshotId();
  }

  private static List<FileScanTask> dataFiles(Path out) {
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned =
        IcebergReadback.table(out).newScan().planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tasks;
  }

  private static Map<String, Integer> filesPerPartition(Path out) {
    Map<String, Integer> files = new TreeMap<>();
    for (FileScanTask task : dataFiles(out)) {
      files.merge(task.spec().partitionToPath(task.file().partition()), 1, Integer::sum);
    }
    return files;
  }

  private static List<String> withoutScheme(List<String> paths) {
    return paths.stream().map(p -> p.replaceFirst("^file:(//)?", "")).toList();
  }

  private static void rollback(SparkSession spark, Path out, String runId) {
    RollbackJob job = new RollbackJob();
    new CommandLine(job)
        .parseArgs(
            "--dataset",
            "events",
            "--run-id",
            runId,
            "--output",
            out.toString(),
            "--conf",
            ICEBERG);
    job.run(spark, new PrintStream(new ByteArrayOutputStream(), true));
  }
}
