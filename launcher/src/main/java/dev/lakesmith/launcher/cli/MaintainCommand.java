package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
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
    LakesmithConfig config = ConfigLoader.load(target.confFiles, target.overrides);
    String root = LocalCommand.absolute(target.output == null ? config.output() : target.output);
    StepPlan plan =
        StepPlan.of(
            JobInvocation.maintain(
                config.dataset(target.dataset).name(),
                "maintain-" + RunIds.next(Instant.now()),
                root,
                target.confFiles.stream().map(f -> f.getAbsolutePath()).toList(),
                target.overrides));
    LocalSpark spark = LocalSpark.fromEnvironment(LocalSettings.from(config.source()));
    new LocalStepRunner(spark, LocalCommand.logDir(root), System.out).run(plan);
    return 0;
  }
}
