package dev.lakesmith.jobs.iceberg;

import dev.lakesmith.core.JobFailure;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Undoes one run on an Iceberg table: the table goes back to the snapshot before the run's (no
 * snapshot, an empty table, when the run made the first one). Later runs' snapshots would be undone
 * with it, so that needs {@code force}; a run committing while the rollback decides makes the
 * rollback fail, never undone unseen. Snapshots stay in the table's metadata (a rollback moves the
 * current pointer, it deletes nothing), so a rollback can itself be undone with Iceberg's own
 * tools.
 */
public final class Rollback {
  private Rollback() {}

  /** What a rollback did: the run's snapshot, the one now current, and later runs undone. */
  public record Done(long runSnapshot, Long restored, List<String> undoneLaterRuns) {}

  public static Done apply(Table table, String runId, long runSnapshot, boolean force) {
    TableOperations operations = ((HasTableOperations) table).operations();
    TableMetadata base = operations.current();
    List<Snapshot> history = RunSnapshots.history(table);
    int at = -1;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).snapshotId() == runSnapshot) {
        at = i;
      }
    }
    if (at < 0) {
      throw JobFailure.input(
          "run "
              + runId
              + "'s snapshot "
              + runSnapshot
              + " is not in the current history of "
              + table.name()
              + " (already rolled back?); nothing to roll back");
    }
    List<String> later =
        history.subList(0, at).stream()
            .map(
                s ->
                    RunSnapshots.runOf(s) == null
                        ? "snapshot " + s.snapshotId()
                        : RunSnapshots.runOf(s))
            .toList();
    if (!later.isEmpty() && !force) {
      throw JobFailure.input(
          "run "
              + runId
              + " has "
              + later.size()
              + " later snapshot(s) on "
              + table.name()
              + " ("
              + String.join(", ", later)
              + ") that a rollback would undo too; roll those back first or add --force");
    }
    Long parent = history.get(at).parentId();
    if (parent != null && table.snapshot(parent) == null) {
      throw JobFailure.input(
          "run "
              + runId
              + "'s parent snapshot "
              + parent
              + " was expired by maintenance (lakesmith.iceberg.maintenance.snapshot-retention,"
              + " min-snapshots), so "
              + table.name()
              + " cannot return to it; nothing was changed");
    }
    swap(table, base, parent, runId);
    return new Done(runSnapshot, parent, later);
  }

  /**
   * Points the table at {@code parent} (no snapshot: empty) as a swap of exactly the metadata the
   * checks above read: if any run committed since, the swap fails instead of undoing that run
   * unseen (Iceberg's own rollback re-applies itself on top of a newer state).
   */
  private static void swap(Table table, TableMetadata base, Long parent, String runId) {
    TableMetadata.Builder next = TableMetadata.buildFrom(base);
    TableMetadata updated =
        parent == null
            ? next.removeRef(SnapshotRef.MAIN_BRANCH).build()
            : next.setBranchSnapshot(parent, SnapshotRef.MAIN_BRANCH).build();
    try {
      ((HasTableOperations) table).operations().commit(base, updated);
    } catch (CommitFailedException e) {
      throw JobFailure.internal(
          "another writer committed to "
              + table.name()
              + " while run "
              + runId
              + " was being rolled back; nothing was changed. Run the rollback again: it checks"
              + " the newer runs first");
    }
  }
}
