package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.report.RunSummary;
import dev.lakesmith.launcher.report.RunsTable;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runs}: a dataset's recent runs from their manifests, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Lists a dataset's recent runs (newest first) from their manifests.")
public final class RunsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin ManifestArguments manifests;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Runs shown (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON array of runs instead of a table.")
  boolean json;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw JobFailure.config("--limit " + limit + " must be at least 1");
    }
    List<RunSummary> runs =
        manifests.load(AwsSettings.fromEnvironment()).runs().stream()
            .limit(limit)
            .map(RunSummary::of)
            .toList();
    out.print(json ? ManifestJson.MAPPER.writeValueAsString(runs) + "\n" : RunsTable.text(runs));
    return 0;
  }
}
