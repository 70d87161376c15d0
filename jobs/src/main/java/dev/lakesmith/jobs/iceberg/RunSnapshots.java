package dev.lakesmith.jobs.iceberg;

import dev.lakesmith.core.manifest.Counts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The link between runs and snapshots: each run's snapshot carries its run id, slice and counts in
 * its summary, so the table's own history says which run made which state (and rollback finds a
 * run's snapshot even if its manifest were lost).
 */
public final class RunSnapshots {
  public static final String RUN_ID = "lakesmith.run-id";
  public static final String SLICE = "lakesmith.slice";

  static final String WRITE_OPTION = "snapshot-property.";

  private RunSnapshots() {}

  /** The summary properties of a run's snapshot. */
  public static Map<String, String> summary(String runId, String slice, Counts counts) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(RUN_ID, runId);
    summary.put(SLICE, slice);
    summary.put("lakesmith.read", Long.toString(counts.read()));
    summary.put("lakesmith.quarantined", Long.toString(counts.quarantined()));
    summary.put("lakesmith.duplicates-dropped", Long.toString(counts.duplicatesDropped()));
    summary.put("lakesmith.written-new", Long.toString(counts.writtenNew()));
    summary.put("lakesmith.replaced-existing", Long.toString(counts.replacedExisting()));
    return summary;
  }

  /** The current snapshot's ancestry, newest first (empty for a table without snapshots). */
  public static List<Snapshot> history(Table table) {
    List<Snapshot> history = new ArrayList<>();
    for (Snapshot s = table.currentSnapshot();
        s != null;
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      history.add(s);
    }
    return history;
  }

  /** The snapshot in the current history that run {@code runId} committed. */
  public static Optional<Snapshot> ofRun(Table table, String runId) {
    return history(table).stream().filter(s -> runId.equals(runOf(s))).findFirst();
  }

  /** The counts a run's snapshot carries in its summary. */
  public static Counts counts(Snapshot snapshot) {
    Map<String, String> summary = snapshot.summary();
    return new Counts(
        count(summary, "lakesmith.read"),
        count(summary, "lakesmith.quarantined"),
        count(summary, "lakesmith.duplicates-dropped"),
        count(summary, "lakesmith.written-new"),
        count(summary, "lakesmith.replaced-existing"));
  }

  private static long count(Map<String, String> summary, String key) {
    String value = summary == null ? null : summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  public static String runOf(Snapshot snapshot) {
    return snapshot.summary() == null ? null : snapshot.summary().get(RUN_ID);
  }
}
