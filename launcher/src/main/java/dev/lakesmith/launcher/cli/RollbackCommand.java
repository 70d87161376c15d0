package dev.lakesmith.launcher.cli;

import dev.lakesmith.jobs.config.ConfigLoader;
import dev.lakesmith.jobs.config.LakesmithConfig;
import dev.lakesmith.launcher.Lakesmith;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rollback}: undoes a curate run of an Iceberg dataset with local Spark, as one job step
 * ({@code dev.lakesmith.jobs.RollbackJob}) run like the {@code local} command's steps.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Restores an Iceberg dataset's table to its state before a run (local Spark); refused when"
            + " later runs committed on top, unless --force.")
public final class RollbackCommand implements Callable<Integer> {
  static final String JOB_CLASS = "dev.lakesmith.jobs.RollbackJob";

  @Mixin Lakesmith.Common common;

  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(names = "--run-id", required = true, description = "The curate run to undo.")
  String runId;

  @Option(names = "--force", description = "Also undo the runs committed after it.")
  boolean force;

  @Option(names = "--output", description = "Output root (default: lakesmith.output).")
  String output;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    LakesmithConfig config = ConfigLoader.load(confFiles, overrides);
    String root = LocalCommand.absolute(output == null ? config.output() : output);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dataset", config.dataset(dataset).name(), "--run-id", runId, "--output", root));
    if (force) {
      args.add("--force");
    }
    confFiles.forEach(f -> args.addAll(List.of("--conf-file", f.getAbsolutePath())));
    overrides.forEach(o -> args.addAll(List.of("--conf", o)));
    StepPlan plan =
        new StepPlan(
            dataset, "rollback-" + runId, List.of(new JobStep("rollback", JOB_CLASS, args)));
    LocalSpark spark = LocalSpark.fromEnvironment(LocalSettings.from(config.source()));
    new LocalStepRunner(spark, LocalCommand.logDir(root), System.out).run(plan);
    return 0;
  }
}
