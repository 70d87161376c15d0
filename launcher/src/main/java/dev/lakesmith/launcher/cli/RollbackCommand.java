package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.JobInvocation;
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
    return LocalTableStep.run(
        target,
        common,
        (dataset, root, confFiles, overrides) ->
            JobInvocation.rollback(dataset, runId, root, force, confFiles, overrides));
  }
}
