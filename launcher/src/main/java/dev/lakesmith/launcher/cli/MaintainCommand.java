package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.layout.RunIds;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code maintain}: compaction, snapshot expiry and orphan-file removal of an Iceberg dataset's
 * table with local Spark, as one job step ({@code dev.lakesmith.jobs.MaintainJob}) run like the
 * {@code local} command's steps; what it does is set in {@code lakesmith.iceberg.maintenance}.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compacts partitions with many small files, expires old snapshots and removes orphan files"
            + " of an Iceberg dataset's table (local Spark; lakesmith.iceberg.maintenance).")
public final class MaintainCommand implements Callable<Integer> {
  @Mixin DatasetArguments target;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    return LocalTableStep.run(
        target,
        common,
        (dataset, root, confFiles, overrides) ->
            JobInvocation.maintain(
                dataset, "maintain-" + RunIds.next(Instant.now()), root, confFiles, overrides));
  }
}
