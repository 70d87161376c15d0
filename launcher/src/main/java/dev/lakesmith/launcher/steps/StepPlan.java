package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.invocation.JobInvocation;
import java.util.List;
import java.util.Optional;

/** The steps of one run of a dataset slice, in order. */
public record StepPlan(String dataset, String runId, List<JobStep> steps) {
  public static final String CURATE = JobInvocation.Job.CURATE.stepName();
  public static final String REGISTER = JobInvocation.Job.REGISTER.stepName();

  public StepPlan {
    steps = List.copyOf(steps);
  }

  /** A plan of the given calls, each one step named after its entry point. */
  public static StepPlan of(JobInvocation... calls) {
    return new StepPlan(
        calls[0].dataset(), calls[0].runId(), List.of(calls).stream().map(JobStep::of).toList());
  }

  /** Curate the slice. */
  public static StepPlan curate(
      String dataset,
      String runId,
      String output,
      Optional<String> input,
      Optional<String> slice,
      List<String> confFiles,
      List<String> overrides) {
    return of(JobInvocation.curate(dataset, runId, output, input, slice, confFiles, overrides));
  }

  /** Curate the slice, then register the run's table and partitions in the catalog. */
  public static StepPlan curateAndRegister(
      String dataset,
      String runId,
      String output,
      Optional<String> input,
      Optional<String> slice,
      List<String> confFiles,
      List<String> overrides) {
    JobInvocation curate =
        JobInvocation.curate(dataset, runId, output, input, slice, confFiles, overrides);
    return of(curate, curate.then(JobInvocation.Job.REGISTER));
  }

  /** This plan without the named step. */
  public StepPlan without(String stepName) {
    return new StepPlan(
        dataset, runId, steps.stream().filter(s -> !s.name().equals(stepName)).toList());
  }
}
