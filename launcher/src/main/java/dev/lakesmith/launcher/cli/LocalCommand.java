package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.invocation.SliceArguments;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.launcher.cluster.LauncherConfig;
import dev.lakesmith.launcher.input.LocalInput;
import dev.lakesmith.launcher.steps.LocalMetastore;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.steps.LocalStepRunner;
import dev.lakesmith.launcher.steps.StepPlan;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code local}: the step plan on this machine, with Spark in a child process. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Runs a dataset's steps with local Spark (no AWS).")
public final class LocalCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin SliceArguments slice;

  @Option(
      names = "--skip-register",
      description =
          "Run the curate step only, without registering the table in the local metastore"
              + " (e.g. to time curation alone).")
  boolean skipRegister;

  @Override
  public Integer call() {
    List<String> settings = new ArrayList<>(slice.overrides);
    if (slice.output != null) {
      settings.add("lakesmith.output=" + absolute(slice.output));
    }
    LakesmithConfig config = LauncherConfig.load(slice.confFiles, settings);
    String dataset = config.dataset(slice.dataset).name();
    String outputRoot = absolute(config.output());
    String runId = RunIds.next(Instant.now());
    StepPlan plan =
        StepPlan.curateAndRegister(
            dataset,
            runId,
            outputRoot,
            Optional.ofNullable(slice.input).map(LocalCommand::absolute),
            slice.checkedSlice(),
            slice.confFiles.stream().map(File::getAbsolutePath).toList(),
            slice.overrides);
    if (skipRegister) {
      plan = plan.without(StepPlan.REGISTER);
    }
    System.out.printf("lakesmith: local run %s of dataset %s%n", runId, dataset);
    LocalSettings local = LocalSettings.from(config.source());
    LocalSpark spark = LocalSpark.fromEnvironment(local);
    Path logDir = logDir(outputRoot);
    Map<String, Map<String, String>> stepConf =
        Map.of(StepPlan.REGISTER, LocalMetastore.from(config.source()).sparkConf());
    new LocalStepRunner(
            spark,
            logDir,
            System.out,
            stepConf,
            new LocalStepRunner.Console(
                common.progressMode(), common.verbose, LocalStepRunner.QUIET),
            lightSteps(config, dataset, local))
        .run(plan);
    return 0;
  }

  /** Register always; curate when the local input it reads is small (see LocalSettings). */
  private Set<String> lightSteps(LakesmithConfig config, String dataset, LocalSettings local) {
    DatasetConfig d = config.dataset(dataset);
    String input = absolute(slice.input != null ? slice.input : d.input());
    OptionalLong bytes = LocalInput.bytes(input, dataset, d.source().path(), slice.checkedSlice());
    return bytes.isPresent() && local.lightCurate(bytes.getAsLong())
        ? Set.of(StepPlan.CURATE, StepPlan.REGISTER)
        : Set.of(StepPlan.REGISTER);
  }

  /** Local paths become absolute so the child process does not depend on its working directory. */
  static String absolute(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() != null && uri.getScheme().length() > 1) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }

  static Path logDir(String outputRoot) {
    if (outputRoot.startsWith("/")) {
      return Path.of(outputRoot, "_runs", "logs");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "lakesmith-logs");
  }
}
