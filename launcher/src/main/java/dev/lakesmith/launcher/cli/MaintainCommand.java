package dev.lakesmith.launcher.cli;

import dev.lakesmith.jobs.DatasetArguments;
import dev.lakesmith.jobs.config.ConfigLoader;
import dev.lakesmith.jobs.config.LakesmithConfig;
import dev.lakesmith.launcher.Lakesmith;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
import java.util.ArrayList;
import java.util.List;
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
  static final String JOB_CLASS = "dev.lakesmith.jobs.MaintainJob";

  @Mixin DatasetArguments target;

  @Mixin Lakesmith.Common common;

  @Override
  public Integer call() {
    LakesmithConfig config = ConfigLoader.load(target.confFiles, target.overrides);
    String root = LocalCommand.absolute(target.output == null ? config.output() : target.output);
    List<String> args =
        new ArrayList<>(
            List.of("--dataset", config.dataset(target.dataset).name(), "--output", root));
    target.confFiles.forEach(f -> args.addAll(List.of("--conf-file", f.getAbsolutePath())));
    target.overrides.forEach(o -> args.addAll(List.of("--conf", o)));
    StepPlan plan =
        new StepPlan(
            target.dataset,
            "maintain-" + target.dataset,
            List.of(new JobStep("maintain", JOB_CLASS, args)));
    LocalSpark spark = LocalSpark.fromEnvironment(LocalSettings.from(config.source()));
    new LocalStepRunner(spark, LocalCommand.logDir(root), System.out).run(plan);
    return 0;
  }
}
