package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.DenseRange;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.report.HtmlReport;
import dev.lakesmith.launcher.report.RunManifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: a dataset's self-contained HTML report, rendered from its run manifests. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes one self-contained HTML page for a dataset from its run manifests: rows per event"
            + " day per group, missing and outlier days, quarantine reasons, the last runs.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin ManifestArguments manifests;

  @Option(names = "--html", required = true, description = "The HTML file to write.")
  Path html;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Runs in the runs table (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--outlier-gap-days",
      defaultValue = "" + DenseRange.DEFAULT_MIN_GAP,
      description =
          "Days with rows separated from a group's bulk by more than this many empty days are"
              + " outliers, not gaps (default: ${DEFAULT-VALUE}).")
  long outlierGapDays;

  @Override
  public Integer call() {
    if (limit < 1 || outlierGapDays < 1) {
      throw JobFailure.config(
          "--limit " + limit + " and --outlier-gap-days " + outlierGapDays + " must be at least 1");
    }
    RunManifests found = manifests.load(AwsSettings.fromEnvironment());
    String page =
        HtmlReport.render(
            manifests.dataset,
            found.location(),
            found.runs(),
            limit,
            outlierGapDays,
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    try {
      Path target = html.toAbsolutePath();
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(target, page, StandardCharsets.UTF_8);
      System.out.printf(
          "lakesmith: report of %s (%d runs) -> %s%n",
          manifests.dataset, found.runs().size(), target);
    } catch (IOException e) {
      throw JobFailure.config("cannot write --html " + html + ": " + e.getMessage());
    }
    return 0;
  }
}
