package dev.lakesmith.core.layout;

/**
 * Where everything a run leaves lives under an output root, for the job that writes it and the
 * launcher that reads it (manifests for backfill and reports, leases before starting a cluster).
 */
public final class OutputLayout {
  private OutputLayout() {}

  /** An output root without its trailing slash, so joined paths have one separator. */
  public static String trim(String output) {
    return output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
  }

  /** The folder of a dataset's run manifests, {@code <output>/_runs/<dataset>}. */
  public static String runsDir(String output, String dataset) {
    return trim(output) + "/_runs/" + dataset;
  }

  /** The manifest of one run. */
  public static String manifest(String output, String dataset, String runId) {
    return runsDir(output, dataset) + "/" + runId + ".json";
  }

  /** Whether a name in {@link #runsDir} is a manifest (hidden names are a writer's temp files). */
  public static boolean isManifestName(String name) {
    return name.endsWith(".json") && !HiddenNames.hidden(name) && !name.contains("/");
  }

  /** The run id a manifest's file name carries. */
  public static String runIdOf(String manifestName) {
    return manifestName.substring(0, manifestName.length() - ".json".length());
  }

  /** The lease object of a dataset. */
  public static String lease(String output, String dataset) {
    return trim(output) + "/_leases/" + dataset + ".json";
  }

  /**
   * The liveness record of one run of a table that needs no dataset lease (Iceberg commits
   * optimistically): {@code <output>/_leases/<dataset>/<run_id>.json}, renewed while the run lives,
   * so recovery can tell a live run from a dead one.
   */
  public static String runLease(String output, String dataset, String runId) {
    return runLeases(output, dataset) + "/" + runId + ".json";
  }

  /** The folder of a dataset's run records ({@link #runLease}). */
  public static String runLeases(String output, String dataset) {
    return trim(output) + "/_leases/" + dataset;
  }

  /** Where runs of a dataset stage their files before publishing. */
  public static String stagingRoot(String output, String dataset) {
    return trim(output) + "/_staging/" + dataset;
  }

  /** Where one run's quarantined records go. */
  public static String quarantine(String output, String dataset, String runId) {
    return trim(output) + "/_quarantine/" + dataset + "/run_id=" + runId;
  }

  /** The warehouse of the local Iceberg catalog. */
  public static String icebergWarehouse(String output) {
    return trim(output) + "/_iceberg";
  }
}
