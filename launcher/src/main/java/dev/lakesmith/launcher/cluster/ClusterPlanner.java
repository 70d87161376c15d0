package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.TableFormat;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.launcher.stage.StagedArtifact;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.StepPlan;
import dev.lakesmith.launcher.steps.TableCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * Turns (dataset, slices, input bytes), or a whole-table job step, into the exact RunJobFlow
 * request, without calling AWS: the artifacts' S3 names follow from their content, the size from
 * the bytes. {@code plan} prints it, {@code run}/{@code trigger}/{@code backfill}/{@code
 * rollback}/{@code maintain} send it.
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
    Staged staged = staged();
    String input = context.input(dataset);
    String output = context.output();
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
              confFiles(),
              context.overrides());
      for (JobStep step : plan.steps()) {
        steps.add(new ClusterSpec.Step(slice, step, onFailure));
      }
    }
    String label =
        slices.size() == 1 ? slices.get(0) : slices.get(0) + ".." + slices.get(slices.size() - 1);
    return planned(
        dataset, label, runId, ClusterSize.forInput(inputBytes, emr.sizing()), steps, staged);
  }

  /**
   * A cluster of the configured minimum size whose single step is a whole-table job step (rollback,
   * maintain) on the dataset's output in S3: metadata work that raw input does not size. The
   * cluster is named after the job ({@code lakesmith events rollback}); its run-id tag and its step
   * name carry the run the step is or acts on ({@code events <run id> rollback}).
   *
   * @throws dev.lakesmith.core.JobFailure when the dataset is not an Iceberg table, before anything
   *     is planned (the job would refuse it on a cluster already paid for)
   */
  public Planned planTable(String dataset, TableCall call) {
    JobInvocation invocation = call.of(dataset, context.output(), confFiles(), context.overrides());
    requireIceberg(dataset, invocation.job().stepName());
    Staged staged = staged();
    JobStep step = JobStep.of(invocation);
    return planned(
        dataset,
        step.name(),
        invocation.runId(),
        ClusterSize.forInput(0, context.emr().sizing()),
        List.of(new ClusterSpec.Step(invocation.runId(), step, ActionOnFailure.TERMINATE_CLUSTER)),
        staged);
  }

  private void requireIceberg(String dataset, String command) {
    context
        .dataset(dataset)
        .notIcebergFor(command)
        .ifPresent(
            why -> {
              throw JobFailure.config(why + " (no cluster started)");
            });
  }

  /** The user's conf as the steps name it: shipped with {@code --files} as one staged file. */
  private List<String> confFiles() {
    return context.confFiles().isEmpty() ? List.of() : List.of(RunJobFlowFactory.CONF_ALIAS);
  }

  /** The job jar and the user's conf as staged. */
  private record Staged(StagedArtifact jar, Optional<StagedArtifact> conf) {
    List<StagedArtifact> artifacts() {
      List<StagedArtifact> all = new ArrayList<>(List.of(jar));
      conf.ifPresent(all::add);
      return List.copyOf(all);
    }
  }

  private Staged staged() {
    EmrSettings emr = context.emr();
    return new Staged(
        StagedArtifact.jobJar(emr.staging(), jobJar),
        context.confText().map(t -> StagedArtifact.conf(emr.staging(), t)));
  }

  private Planned planned(
      String dataset,
      String label,
      String runId,
      ClusterSize size,
      List<ClusterSpec.Step> steps,
      Staged staged) {
    EmrSettings emr = context.emr();
    ClusterSpec spec =
        new ClusterSpec(
            dataset,
            label,
            runId,
            size,
            steps,
            staged.jar().uri(),
            staged.conf().map(StagedArtifact::uri));
    return new Planned(
        spec,
        RunJobFlowFactory.build(
            emr,
            spec,
            context.dataset(dataset).tableFormat() == TableFormat.ICEBERG
                ? Optional.of(context.output())
                : Optional.empty()),
        staged.artifacts(),
        CostEstimate.of(size, emr));
  }
}
