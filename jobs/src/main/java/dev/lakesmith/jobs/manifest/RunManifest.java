package dev.lakesmith.jobs.manifest;

import java.util.List;
import java.util.Map;

/**
 * What one run did, written to {@code <output>/_runs/<dataset>/<run_id>.json}: enough to audit a
 * run, rerun it, or decide that a backfill slice is already done.
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
    Gaps gaps) {

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  /**
   * @param unmatched files in the slice's folders that the source path does not match (not read)
   */
  public record Inputs(
      String root,
      String pattern,
      long files,
      long bytes,
      List<String> emptyFiles,
      List<String> unmatched) {}

  public record Outputs(String table, String quarantine, String manifest) {}

  public record ReasonCount(String reason, long count) {}
}
