package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.iceberg.Rollback;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The known-truth events curated as Parquet and as Iceberg (2023-06, then 2023-07): the Iceberg
 * table, read by Iceberg's own reader, holds the same rows per partition and the same instants;
 * every run is one snapshot tagged with its run id; rerunning a slice commits nothing; rollback by
 * run id restores the earlier rows and refuses to undo later runs silently.
 */
class IcebergCurationTest {
  private static final String LENIENT = "lakesmith.datasets.events.max-bad-fraction=0.5";
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";

  /** JUNE_ROWS plus the late R9 into 2023-06-18 and the new R10 of 2023-07-01. */
  private static final List<String> JULY_ROWS =
      List.of(
          "account_created|2023-06-18T13:00:00Z|2023-06-18",
          "account_created|2023-06-18T18:27:52Z|2023-06-18",
          "account_created|2023-06-19T03:59:59.999999Z|2023-06-19",
          "anonymous_visited|2023-03-12T07:30:00Z|2023-03-12",
          "anonymous_visited|2023-06-19T02:30:00Z|2023-06-19",
          "anonymous_visited|2023-06-19T02:45:00Z|2023-06-19",
          "anonymous_visited|2023-11-05T05:30:00Z|2023-11-05",
          "measurement_recorded|2023-06-20T12:00:00.500Z|2023-06-20",
          "measurement_recorded|2023-06-20T12:00:01Z|2023-06-20",
          "measurement_recorded|2023-07-01T04:30:00Z|2023-07-01");

  @TempDir static Path tmp;
  private static Path raw;
  private static Path iceberg;
  private static SparkSession session;
  private static RunManifest june;
  private static RunManifest july;
  private static List<String> juneRows;
  private static TableState juneState;
  private static TableState parquetJuly;

  @BeforeAll
  static void curateBothFormats() throws Exception {
    EventsFixture fixture = new EventsFixture(tmp.resolve("raw"));
    KnownTruthEvents.writeJune(fixture);
    KnownTruthEvents.writeJuly(fixture);
    raw = fixture.root();

    Path parquet = tmp.resolve("parquet");
    TestCuration.events(SparkTestSession.get(), raw, parquet, "2023-06", LENIENT);
    TestCuration.events(SparkTestSession.get(), raw, parquet, "2023-07", LENIENT);
    parquetJuly = TableState.of(parquet);

    iceberg = tmp.resolve("iceberg");
    session = SparkTestSession.get().newSession();
    june = TestCuration.events(session, raw, iceberg, "2023-06", LENIENT, ICEBERG);
    juneRows = IcebergReadback.rows(iceberg);
    juneState = IcebergReadback.state(iceberg);
    july = TestCuration.events(session, raw, iceberg, "2023-07", LENIENT, ICEBERG);
  }

  @Test
  void theIcebergTableHoldsTheRowsAndInstantsOfTheParquetTable() {
    assertEquals(KnownTruthEvents.JUNE_ROWS, juneRows);
    assertEquals(JULY_ROWS, IcebergReadback.rows(iceberg));
    assertEquals(sorted(parquetJuly), IcebergReadback.state(iceberg));
    assertEquals(Long.valueOf(2), parquetJuly.rowsPerPartition().get("account_created/2023-06-18"));
    assertEquals(
        List.of("name:identity", "d:identity"),
        IcebergReadback.table(iceberg).spec().fields().stream()
            .map(f -> f.name() + ":" + f.transform())
            .toList());
  }

  @Test
  void eachRunIsOneSnapshotCarryingItsRunIdAndCounts() {
    Table table = IcebergReadback.table(iceberg);
    List<Snapshot> history = history(table);
    assertEquals(2, history.size());
    Snapshot first = history.get(0);
    Snapshot second = history.get(1);
    assertEquals(june.icebergSnapshotId(), first.snapshotId());
    assertEquals(july.icebergSnapshotId(), second.snapshotId());
    assertEquals(first.snapshotId(), second.parentId());
    assertEquals(june.runId(), first.summary().get("lakesmith.run-id"));
    assertEquals("2023-06", first.summary().get("lakesmith.slice"));
    assertEquals("14", first.summary().get("lakesmith.read"));
    assertEquals("4", first.summary().get("lakesmith.quarantined"));
    assertEquals("2", first.summary().get("lakesmith.duplicates-dropped"));
    assertEquals("8", first.summary().get("lakesmith.written-new"));
    assertEquals(july.runId(), second.summary().get("lakesmith.run-id"));
    assertEquals("3", second.summary().get("lakesmith.read"));
    assertEquals("1", second.summary().get("lakesmith.duplicates-dropped"));
    assertEquals("2", second.summary().get("lakesmith.written-new"));
    // July replaced exactly its two changed partitions: the late row's and the new one.
    assertEquals("2", second.summary().get("changed-partition-count"));
    assertEquals(
        List.of(
            Map.of("name", "account_created", "d", "2023-06-18"),
            Map.of("name", "measurement_recorded", "d", "2023-07-01")),
        july.partitions().stream().map(p -> p.values()).toList());
    assertEquals(2, july.partitions().get(0).rows());
    assertEquals(1, july.partitions().get(0).newRows());
    assertEquals(1, july.partitions().get(0).files());
    assertTrue(july.partitions().get(0).bytes() > 0);
    assertEquals("lakesmith.lakesmith.events", july.outputs().table());
  }

  @Test
  void rerunningASliceCommitsNothing() {
    Path out = tmp.resolve("rerun");
    SparkSession own = SparkTestSession.get().newSession();
    TestCuration.events(own, raw, out, "2023-06", LENIENT, ICEBERG);
    long before = IcebergReadback.table(out).currentSnapshot().snapshotId();
    List<String> rows = IcebergReadback.rows(out);
    RunManifest again = TestCuration.events(own, raw, out, "2023-06", LENIENT, ICEBERG);
    assertNull(again.icebergSnapshotId());
    assertEquals(RunManifest.SUCCEEDED, again.status());
    assertEquals(List.of(), again.partitions());
    Table table = IcebergReadback.table(out);
    assertEquals(before, table.currentSnapshot().snapshotId());
    assertEquals(1, history(table).size());
    assertEquals(rows, IcebergReadback.rows(out));
  }

  @Test
  void rollbackRestoresTheRowsBeforeARunAndRefusesToUndoLaterRunsUnforced() {
    Path out = tmp.resolve("rollback");
    SparkSession own = SparkTestSession.get().newSession();
    RunManifest first = TestCuration.events(own, raw, out, "2023-06", LENIENT, ICEBERG);
    RunManifest second = TestCuration.events(own, raw, out, "2023-07", LENIENT, ICEBERG);

    JobFailure refused =
        assertThrows(JobFailure.class, () -> rollback(own, out, first.runId(), false));
    assertEquals(JobFailure.BAD_INPUT, refused.exitCode());
    assertTrue(refused.getMessage().contains(second.runId()), refused.getMessage());
    assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
    assertEquals(JULY_ROWS, IcebergReadback.rows(out));

    Rollback.Done done = rollback(own, out, second.runId(), false);
    assertEquals(first.icebergSnapshotId(), done.restored());
    assertEquals(juneState, IcebergReadback.state(out));
    assertEquals(KnownTruthEvents.JUNE_ROWS, IcebergReadback.rows(out));
    assertEquals(
        first.icebergSnapshotId(), IcebergReadback.table(out).currentSnapshot().snapshotId());

    JobFailure again =
        assertThrows(JobFailure.class, () -> rollback(own, out, second.runId(), false));
    assertTrue(again.getMessage().contains("not in the current history"), again.getMessage());
  }

  @Test
  void forceUndoesLaterRunsToo() {
    Path out = tmp.resolve("force");
    SparkSession own = SparkTestSession.get().newSession();
    RunManifest first = TestCuration.events(own, raw, out, "2023-06", LENIENT, ICEBERG);
    RunManifest second = TestCuration.events(own, raw, out, "2023-07", LENIENT, ICEBERG);
    Rollback.Done done = rollback(own, out, first.runId(), true);
    assertNull(done.restored());
    assertEquals(List.of(second.runId()), done.undoneLaterRuns());
    assertEquals(List.of(), IcebergReadback.rows(out));
    JobFailure again =
        assertThrows(JobFailure.class, () -> rollback(own, out, first.runId(), true));
    assertTrue(again.getMessage().contains("already rolled back"), again.getMessage());
  }

  @Test
  void aCommitWhileARollbackDecidesFailsTheRollbackInsteadOfBeingUndone() {
    Path out = tmp.resolve("rollback-race");
    SparkSession own = SparkTestSession.get().newSession();
    TestCuration.events(own, raw, out, "2023-06", LENIENT, ICEBERG);
    RunManifest second = TestCuration.events(own, raw, out, "2023-07", LENIENT, ICEBERG);
    Table asTheRollbackReadIt = IcebergReadback.table(out);
    // Another writer commits after the rollback read the table and found no run after the second.
    IcebergReadback.table(out)
        .newDelete()
        .deleteFromRowFilter(Expressions.equal("name", "account_created"))
        .commit();
    long other = IcebergReadback.table(out).currentSnapshot().snapshotId();
    List<String> rowsAfterOther = IcebergReadback.rows(out);

    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () ->
                Rollback.apply(
                    asTheRollbackReadIt, second.runId(), second.icebergSnapshotId(), false));
    assertTrue(failure.getMessage().contains("another writer committed"), failure.getMessage());
    assertEquals(other, IcebergReadback.table(out).currentSnapshot().snapshotId());
    assertEquals(rowsAfterOther, IcebergReadback.rows(out));

    JobFailure again =
        assertThrows(JobFailure.class, () -> rollback(own, out, second.runId(), false));
    assertTrue(again.getMessage().contains("1 later snapshot"), again.getMessage());
  }

  private static Rollback.Done rollback(SparkSession spark, Path out, String runId, boolean force) {
    RollbackJob job = new RollbackJob();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dataset",
                "events",
                "--run-id",
                runId,
                "--output",
                out.toString(),
                "--conf",
                ICEBERG));
    if (force) {
      args.add("--force");
    }
    new CommandLine(job).parseArgs(args.toArray(String[]::new));
    return job.run(spark, new PrintStream(new ByteArrayOutputStream(), true));
  }

  /** Oldest first. */
  private static List<Snapshot> history(Table table) {
    List<Snapshot> history = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot();
        s != null;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      history.add(0, s);
    }
    return history;
  }

  private static TableState sorted(TableState state) {
    return new TableState(state.rowsPerPartition(), state.rows().stream().sorted().toList());
  }
}
