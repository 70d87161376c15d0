package dev.lakesmith.core.invocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a job entry point, as the launcher asks for it: the main class and its command line.
 * The job's entry points parse these arguments with {@link SliceArguments} and {@link
 * DatasetArguments}; a contract test parses what this class writes with the job's own classes.
 *
 * @param runId the run a curate or maintain step is, or the run a register or rollback step acts on
 * @param confFiles configuration files as the step's host sees them (local paths or {@code s3://})
 */
public record JobInvocation(
    Job job,
    String dataset,
    String runId,
    String output,
    Optional<String> input,
    Optional<String> slice,
    boolean force,
    List<String> confFiles,
    List<String> overrides) {

  /** The job's entry points. */
  public enum Job {
    CURATE("curate", "dev.lakesmith.jobs.CurateJob"),
    REGISTER("register", "dev.lakesmith.jobs.RegisterJob"),
    ROLLBACK("rollback", "dev.lakesmith.jobs.RollbackJob"),
    MAINTAIN("maintain", "dev.lakesmith.jobs.MaintainJob");

    private final String stepName;
    private final String mainClass;

    Job(String stepName, String mainClass) {
      this.stepName = stepName;
      this.mainClass = mainClass;
    }

    public String stepName() {
      return stepName;
    }

    public String mainClass() {
      return mainClass;
    }
  }

  public JobInvocation {
    Objects.requireNonNull(job, "job");
    requireText(dataset, "dataset");
    requireText(runId, "runId");
    requireText(output, "output");
    if (job != Job.CURATE && (input.isPresent() || slice.isPresent())) {
      throw new IllegalArgumentException(job.stepName() + " takes no --input or --slice");
    }
    if (job != Job.ROLLBACK && force) {
      throw new IllegalArgumentException("only rollback takes --force");
    }
    confFiles = List.copyOf(confFiles);
    overrides = List.copyOf(overrides);
  }

  public static JobInvocation curate(
      String dataset,
      String runId,
      String output,
      Optional<String> input,
      Optional<String> slice,
      List<String> confFiles,
      List<String> overrides) {
    return new JobInvocation(
        Job.CURATE, dataset, runId, output, input, slice, false, confFiles, overrides);
  }

  public static JobInvocation register(
      String dataset, String runId, String output, List<String> confFiles, List<String> overrides) {
    return onTable(Job.REGISTER, dataset, runId, output, false, confFiles, overrides);
  }

  public static JobInvocation rollback(
      String dataset,
      String runId,
      String output,
      boolean force,
      List<String> confFiles,
      List<String> overrides) {
    return onTable(Job.ROLLBACK, dataset, runId, output, force, confFiles, overrides);
  }

  public static JobInvocation maintain(
      String dataset, String runId, String output, List<String> confFiles, List<String> overrides) {
    return onTable(Job.MAINTAIN, dataset, runId, output, false, confFiles, overrides);
  }

  private static JobInvocation onTable(
      Job job,
      String dataset,
      String runId,
      String output,
      boolean force,
      List<String> confFiles,
      List<String> overrides) {
    return new JobInvocation(
        job,
        dataset,
        runId,
        output,
        Optional.empty(),
        Optional.empty(),
        force,
        confFiles,
        overrides);
  }

  /** The same call for another entry point on the same dataset, run and configuration. */
  public JobInvocation then(Job next) {
    return new JobInvocation(
        next,
        dataset,
        runId,
        output,
        Optional.empty(),
        Optional.empty(),
        false,
        confFiles,
        overrides);
  }

  public String mainClass() {
    return job.mainClass();
  }

  /** The command line, in the order {@code --help} lists the options. */
  public List<String> args() {
    List<String> args =
        new ArrayList<>(List.of("--dataset", dataset, "--run-id", runId, "--output", output));
    input.ifPresent(i -> args.addAll(List.of("--input", i)));
    slice.ifPresent(s -> args.addAll(List.of("--slice", s)));
    if (force) {
      args.add("--force");
    }
    confFiles.forEach(f -> args.addAll(List.of("--conf-file", f)));
    overrides.forEach(o -> args.addAll(List.of("--conf", o)));
    return args;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required for a job step");
    }
  }
}
