package dev.lakesmith.launcher.cluster;

import dev.lakesmith.launcher.steps.JobStep;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;

/**
 * One transient cluster: what it runs (steps of one or more slices), how big it is, and what the
 * steps reference in S3.
 *
 * @param sliceLabel a slice ({@code 2023-11}) or a backfill range ({@code 2019-01..2025-09})
 * @param jobJarUri the staged, content-addressed job jar
 * @param confUri the staged run conf, shipped to the driver with {@code --files}, if any
 */
public record ClusterSpec(
    String dataset,
    String sliceLabel,
    String runId,
    ClusterSize size,
    List<Step> steps,
    String jobJarUri,
    Optional<String> confUri) {

  public ClusterSpec {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one step");
    }
  }

  /** One EMR step: a job step of one slice. */
  public record Step(String slice, JobStep job, ActionOnFailure actionOnFailure) {
    /** The EMR step name, e.g. {@code events 2023-11 curate}. */
    public String name(String dataset) {
      return dataset + " " + slice + " " + job.name();
    }
  }
}
