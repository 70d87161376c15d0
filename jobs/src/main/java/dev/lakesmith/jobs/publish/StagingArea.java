package dev.lakesmith.jobs.publish;

import dev.lakesmith.core.layout.OutputLayout;

/**
 * Where a run writes before it publishes: {@code <output>/_staging/<dataset>/<run_id>/}, outside
 * the table's tree. The folder exists from the run's start to its end, so a folder left there names
 * a run that did not finish.
 */
public record StagingArea(String root, String runId) {

  public static String datasetRoot(String output, String dataset) {
    return OutputLayout.stagingRoot(output, dataset);
  }

  public static StagingArea of(String output, String dataset, String runId) {
    return new StagingArea(datasetRoot(output, dataset) + "/" + runId, runId);
  }

  /** The run's rows, laid out like the table's partitions. */
  public String data() {
    return root + "/data";
  }
}
