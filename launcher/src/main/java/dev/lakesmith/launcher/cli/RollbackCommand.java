package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
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
  @Mixin DatasetArguments target;

  @Mixin CommonOptions common;

  @Option(names = "--run-id", required = true, description = "The curate run to undo.")
  String runId;

  @Option(names = "--force", description = "Also undo the runs committed after it.")
  boolean force;

  @Override
  public Integer call() {
    LakesmithConfig config = ConfigLoader.load(target.confFiles, target.overrides);
    String root = LocalCommand.absolute(target.output == null ? config.output() : target.output);
    StepPlan plan =
        StepPlan.of(
            JobInvocation.rollback(
                config.dataset(target.dataset).name(),
                runId,
                root,
                force,
                target.confFiles.stream().map(f -> f.getAbsolutePath()).toList(),
                target.overrides));
    LocalSpark spark = LocalSpark.fromEnvironment(LocalSettings.from(config.source()));
    new LocalStepRunner(spark, LocalCommand.logDir(root), System.out).run(plan);
    return 0;
  }
}
