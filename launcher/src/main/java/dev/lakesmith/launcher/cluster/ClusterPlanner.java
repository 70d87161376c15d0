package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.config.TableFormat;
import dev.lakesmith.launcher.stage.StagedArtifact;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.StepPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Turns (dataset, slices, input bytes) into the exact RunJobFlow request, without calling AWS: the
 * artifacts' S3 names follow from their content, the size from the bytes. {@code plan} prints it,
 * {@code run}/{@code trigger}/{@code backfill} send it.
 */
public final class ClusterPlanner {
  private final EmrContext context;
  private final Path jobJar;

  /** Everything needed to create one cluster. */
  public record Planned(
      ClusterSpec spec,
      RunJobFlowRequest request,
      List<StagedArtifact> artifacts,
      CostEstimate cost) {}

  public ClusterPlanner(EmrContext context) {
    this(context, LocalSpark.jobJar());
  }

  public ClusterPlanner(EmrContext context, Path jobJar) {
    this.context = context;
    this.jobJar = jobJar;
  }

  /**
   * @param backfill true: one step group per slice, each {@code CONTINUE} on failure, and run ids
   *     {@code <runId>-<slice>} so each slice gets its own manifest
   */
  public Planned plan(
      String dataset, List<String> slices, String runId, long inputBytes, boolean backfill) {
    EmrSettings emr = context.emr();
    StagedArtifact jar = StagedArtifact.jobJar(emr.staging(), jobJar);
    Optional<StagedArtifact> conf =
        context.confText().map(t -> StagedArtifact.conf(emr.staging(), t));
    List<StagedArtifact> artifacts = new ArrayList<>(List.of(jar));
    conf.ifPresent(artifacts::add);

    String input = context.input(dataset);
    String output = context.output();
    List<String> confFiles =
        conf.isPresent() ? List.of(RunJobFlowFactory.CONF_ALIAS) : List.<String>of();
    ActionOnFailure onFailure =
        backfill ? ActionOnFailure.CONTINUE : ActionOnFailure.TERMINATE_CLUSTER;
    List<ClusterSpec.Step> steps = new ArrayList<>();
    for (String slice : slices) {
      String stepRunId = backfill ? runId + "-" + slice : runId;
      StepPlan plan =
          StepPlan.curateAndRegister(
              dataset,
              stepRunId,
              output,
              Optional.of(input),
              Optional.of(slice),
              confFiles,
              context.overrides());
      for (JobStep step : plan.steps()) {
        steps.add(new ClusterSpec.Step(slice, step, onFailure));
      }
    }
    String label =
        slices.size() == 1 ? slices.get(0) : slices.get(0) + ".." + slices.get(slices.size() - 1);
    ClusterSize size = ClusterSize.forInput(inputBytes, emr.sizing());
    ClusterSpec spec =
        new ClusterSpec(
            dataset, label, runId, size, steps, jar.uri(), conf.map(StagedArtifact::uri));
    return new Planned(
        spec,
        RunJobFlowFactory.build(
            emr,
            spec,
            context.dataset(dataset).tableFormat() == TableFormat.ICEBERG
                ? Optional.of(output)
                : Optional.empty()),
        List.copyOf(artifacts),
        CostEstimate.of(size, emr));
  }
}
