package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
import dev.lakesmith.launcher.steps.TableCall;
import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Runs one whole-table job step (rollback, maintain) on local Spark the way {@code local} runs its
 * steps: the dataset's output made absolute and the configuration passed on as given.
 */
final class LocalTableStep {
  private LocalTableStep() {}

  static int run(
      String dataset,
      String output,
      List<File> confFiles,
      List<String> overrides,
      CommonOptions common,
      TableCall call) {
    LakesmithConfig config = ConfigLoader.load(confFiles, overrides);
    String root = LocalCommand.absolute(output == null ? config.output() : output);
    StepPlan plan =
        StepPlan.of(
            call.of(
                config.dataset(dataset).name(),
                root,
                confFiles.stream().map(File::getAbsolutePath).toList(),
                overrides));
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
