package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.launcher.aws.AwsSettings;
import java.time.Instant;
import picocli.CommandLine.Command;

/**
 * {@code maintain}: compaction, snapshot expiry and orphan-file removal of an Iceberg dataset's
 * table as one job step ({@code dev.lakesmith.jobs.MaintainJob}), on local Spark like the {@code
 * local} command's steps or, with {@code --emr}, on a transient cluster; what it does is set in
 * {@code lakesmith.iceberg.maintenance}.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compacts partitions with many small files, expires old snapshots and removes orphan files"
            + " of an Iceberg dataset's table (local Spark, or an EMR step with --emr;"
            + " lakesmith.iceberg.maintenance).")
public final class MaintainCommand extends TableCommand {
  public MaintainCommand() {}

  public MaintainCommand(AwsSettings settings) {
    super(settings);
  }

  /** Each maintenance is a run of its own: {@code maintain-<run id>}. */
  static String runId() {
    return "maintain-" + RunIds.next(Instant.now());
  }

  @Override
  public Integer call() throws InterruptedException {
    String runId = runId();
    return run(
        (name, root, confFiles, overrides) ->
            JobInvocation.maintain(name, runId, root, confFiles, overrides),
        "maintenance of " + dataset);
  }
}
