package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.launcher.aws.AwsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollback}: undoes a curate run of an Iceberg dataset as one job step ({@code
 * dev.lakesmith.jobs.RollbackJob}), on local Spark like the {@code local} command's steps or, with
 * {@code --emr}, on a transient cluster.
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Restores an Iceberg dataset's table to its state before a run (local Spark, or an EMR"
            + " step with --emr); refused when later runs committed on top, unless --force.")
public final class RollbackCommand extends TableCommand {
  @Option(names = "--run-id", required = true, description = "The curate run to undo.")
  String runId;

  @Option(names = "--force", description = "Also undo the runs committed after it.")
  boolean force;

  public RollbackCommand() {}

  public RollbackCommand(AwsSettings settings) {
    super(settings);
  }

  @Override
  public Integer call() throws InterruptedException {
    return run(
        (name, root, confFiles, overrides) ->
            JobInvocation.rollback(name, runId, root, force, confFiles, overrides),
        "rollback of " + dataset + " run " + runId);
  }
}
