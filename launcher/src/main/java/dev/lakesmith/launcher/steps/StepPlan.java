package dev.lakesmith.launcher.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The steps of one run of a dataset slice, in order. */
public record StepPlan(String dataset, String runId, List<JobStep> steps) {
  public static final String CURATE_CLASS = "dev.lakesmith.jobs.CurateJob";
  public static final String REGISTER_CLASS = "dev.lakesmith.jobs.RegisterJob";
  public static final String REGISTER = "register";

  public StepPlan {
    steps = List.copyOf(steps);
  }

  /** Curate the slice (arguments as the job's command line takes them). */
  public static StepPlan curate(
      String dataset,
      String runId,
      String output,
      Optional<String> input,
      Optional<String> slice,
      List<String> confFiles,
      List<String> overrides) {
    List<String> args = runArgs(dataset, runId, output);
    input.ifPresent(i -> args.addAll(List.of("--input", i)));
    slice.ifPresent(s -> args.addAll(List.of("--slice", s)));
    args.addAll(confArgs(confFiles, overrides));
    return new StepPlan(dataset, runId, List.of(new JobStep("curate", CURATE_CLASS, args)));
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
    StepPlan curate = curate(dataset, runId, output, input, slice, confFiles, overrides);
    List<JobStep> steps = new ArrayList<>(curate.steps());
    steps.add(
        new JobStep(
            REGISTER, REGISTER_CLASS, registerArgs(dataset, runId, output, confFiles, overrides)));
    return new StepPlan(dataset, runId, steps);
  }

  /** This plan without the named step. */
  public StepPlan without(String stepName) {
    return new StepPlan(
        dataset, runId, steps.stream().filter(s -> !s.name().equals(stepName)).toList());
  }

  private static List<String> registerArgs(
      String dataset, String runId, String output, List<String> confFiles, List<String> overrides) {
    List<String> args = runArgs(dataset, runId, output);
    args.addAll(confArgs(confFiles, overrides));
    return args;
  }

  private static List<String> runArgs(String dataset, String runId, String output) {
    return new ArrayList<>(List.of("--dataset", dataset, "--run-id", runId, "--output", output));
  }

  private static List<String> confArgs(List<String> confFiles, List<String> overrides) {
    List<String> args = new ArrayList<>();
    confFiles.forEach(f -> args.addAll(List.of("--conf-file", f)));
    overrides.forEach(o -> args.addAll(List.of("--conf", o)));
    return args;
  }
}
