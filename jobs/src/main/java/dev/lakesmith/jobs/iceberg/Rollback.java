package dev.lakesmith.jobs.iceberg;

import dev.lakesmith.core.JobFailure;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * Undoes one run on an Iceberg table: the table goes back to the snapshot before the run's. Later
 * runs' snapshots would be undone with it, so that needs {@code force}. Snapshots stay in the
 * table's metadata (a rollback moves the current pointer, it deletes nothing), so a rollback can
 * itself be undone with Iceberg's own tools.
 */
public final class Rollback {
  private Rollback() {}

  /** What a rollback did: the run's snapshot, the one now current, and later runs undone. */
  public record Done(long runSnapshot, Long restored, List<String> undoneLaterRuns) {}

  public static Done apply(Table table, String runId, long runSnapshot, boolean force) {
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
    for (Snapshot s : history.subList(0, at)) {
      if (runId.equals(s.summary().get(RunSnapshots.ROLLBACK_OF))) {
        throw JobFailure.input(
            "run "
                + runId
                + " is already rolled back on "
                + table.name()
                + " (snapshot "
                + s.snapshotId()
                + "); nothing to roll back");
      }
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
    if (parent == null) {
      // The run made the table's first snapshot: before it, the table was empty.
      table
          .newDelete()
          .deleteFromRowFilter(Expressions.alwaysTrue())
          .set(RunSnapshots.ROLLBACK_OF, runId)
          .commit();
    } else {
      table.manageSnapshots().rollbackTo(parent).commit();
    }
    return new Done(runSnapshot, parent, later);
  }
}
