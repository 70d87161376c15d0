package dev.lakesmith.core.manifest;

import java.util.List;
import java.util.Map;

/**
 * What one run did, written to {@code <output>/_runs/<dataset>/<run_id>.json}: enough to audit a
 * run, rerun it, or decide that a backfill slice is already done.
 *
 * @param icebergSnapshotId the snapshot the run committed to an Iceberg table (null for Parquet
 *     tables and for runs that changed nothing)
 * @param commitAttempts how many times the run merged and tried to commit to an Iceberg table: 1
 *     when nobody else committed to its partitions meanwhile, more when it re-read and re-merged
 *     after a conflicting commit (null for Parquet tables and for runs that stopped before merging)
 */
public record RunManifest(
    String runId,
    String dataset,
    String table,
    String status,
    String error,
    String slice,
    String startedAt,
    String finishedAt,
    Inputs inputs,
    Outputs outputs,
    Counts counts,
    boolean accountingIdentityHolds,
    List<ReasonCount> quarantineReasons,
    List<PartitionWritten> partitions,
    Map<String, Long> timingsMs,
    Map<String, String> versions,
    Gaps gaps,
    PublishJournal publish,
    List<String> recovered,
    String completedBy,
    Long icebergSnapshotId,
    Integer commitAttempts) {

  /** Written when the run starts (after it holds the dataset's lease); a crash leaves it so. */
  public static final String RUNNING = "RUNNING";

  /**
   * The publish journal ({@link #publish}) is written and the table may be changing: the next run
   * of the dataset completes this publish before its own work.
   */
  public static final String PUBLISHING = "PUBLISHING";

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public boolean succeeded() {
    return SUCCEEDED.equals(status);
  }

  /** This manifest as run {@code byRunId} leaves it after completing or abandoning it. */
  public RunManifest closedBy(String status, String error, String byRunId) {
    return new RunManifest(
        this.runId,
        dataset,
        table,
        status,
        error,
        slice,
        startedAt,
        java.time.Instant.now().toString(),
        inputs,
        outputs,
        counts,
        accountingIdentityHolds,
        quarantineReasons,
        partitions,
        timingsMs,
        versions,
        gaps,
        publish,
        recovered,
        byRunId,
        icebergSnapshotId,
        commitAttempts);
  }

  /**
   * This manifest of a run that was killed after its Iceberg commit and before it wrote its result,
   * completed by run {@code byRunId} from the snapshot the run left.
   */
  public RunManifest committedAs(long snapshotId, Counts fromSnapshot, String byRunId) {
    return new RunManifest(
        this.runId,
        dataset,
        table,
        SUCCEEDED,
        null,
        slice,
        startedAt,
        java.time.Instant.now().toString(),
        inputs,
        outputs,
        fromSnapshot,
        fromSnapshot.identityHolds(),
        quarantineReasons,
        partitions,
        timingsMs,
        versions,
        gaps,
        publish,
        recovered,
        byRunId,
        snapshotId,
        commitAttempts);
  }

  /**
   * @param unmatched files in the slice's folders that the source path does not match (not read)
   * @param hidden files and folders inside the slice whose names start with {@code _} or {@code .}
   *     (not read, by the Hadoop convention: {@code _SUCCESS}, {@code .crc}, {@code _temporary/})
   */
  public record Inputs(
      String root,
      String pattern,
      long files,
      long bytes,
      List<String> emptyFiles,
      List<String> unmatched,
      List<String> hidden) {}

  public record Outputs(String table, String quarantine, String manifest, String staging) {}

  /**
   * Quarantined rows of one kind of reason.
   *
   * @param reason the kind, free of record values (e.g. {@code not a timestamp (column tstamp)})
   * @param example one full reason of that kind, truncated
   */
  public record ReasonCount(String reason, long count, String example) {}
}
