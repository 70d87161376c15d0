package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.invocation.DatasetArguments;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Runs one whole-table job step (rollback, maintain) on local Spark the way {@code local} runs its
 * steps: the dataset's output made absolute and the configuration passed on as given.
 */
final class LocalTableStep {
  /** What a command asks of the job, given the dataset's name and absolute output root. */
  interface Call {
    JobInvocation of(String dataset, String root, List<String> confFiles, List<String> overrides);
  }

  private LocalTableStep() {}

  static int run(DatasetArguments target, CommonOptions common, Call call) {
    LakesmithConfig config = ConfigLoader.load(target.confFiles, target.overrides);
    String root = LocalCommand.absolute(target.output == null ? config.output() : target.output);
    StepPlan plan =
        StepPlan.of(
            call.of(
                config.dataset(target.dataset).name(),
                root,
                target.confFiles.stream().map(File::getAbsolutePath).toList(),
                target.overrides));
    LocalSpark spark = LocalSpark.fromEnvironment(LocalSettings.from(config.source()));
    new LocalStepRunner(
            spark,
            LocalCommand.logDir(root),
            System.out,
            Map.of(),
            new LocalStepRunner.Console(
                common.progressMode(), common.verbose, LocalStepRunner.QUIET))
        .run(plan);
    return 0;
  }
}
