package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.EmrContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backfill}: a range of months on one cluster sized for their total input, one step group
 * per slice that carries on when another slice fails; slices whose last successful manifest read
 * the same inputs are skipped (resumable) unless {@code --force}.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Runs a range of monthly slices on one transient EMR cluster.")
public final class BackfillCommand extends AwsCommand {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(names = "--from", required = true, description = "First month, e.g. 2019-01.")
  String from;

  @Option(names = "--to", required = true, description = "Last month (inclusive), e.g. 2025-09.")
  String to;

  @Option(names = "--force", description = "Also rerun slices that already succeeded.")
  boolean force;

  public BackfillCommand() {}

  public BackfillCommand(AwsSettings settings) {
    super(settings);
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> slices = months(from, to);
    EmrContext context = context();
    context.dataset(dataset);
    ClusterLauncher.Report report;
    try (AwsClients aws = AwsClients.create(settings)) {
      report =
          launcher(context, aws)
              .launch(new ClusterLauncher.Request(dataset, slices, true, force, true));
    }
    List<String> done = new ArrayList<>(report.launched());
    done.removeAll(report.failed().keySet());
    for (Map.Entry<String, String> f : report.failed().entrySet()) {
      out.printf("lakesmith: FAILED %s: %s%n", f.getKey(), f.getValue());
    }
    out.printf(
        "lakesmith: backfill %s %s..%s: %d done, %d failed%s, %d skipped%s, %d busy%s%n",
        dataset,
        from,
        to,
        done.size(),
        report.failed().size(),
        list(report.failed().keySet()),
        report.skipped().size(),
        list(report.skipped().keySet()),
        report.busy().size(),
        list(report.busy().keySet()));
    if (!report.failed().isEmpty()) {
      throw new JobFailure(
          report.exitCode(),
          "backfill of "
              + dataset
              + ": "
              + report.failed().size()
              + " of "
              + report.launched().size()
              + " slices failed: "
              + String.join(", ", report.failed().keySet())
              + "; rerun the same command to retry only those");
    }
    return 0;
  }

  private static String list(java.util.Collection<String> slices) {
    return slices.isEmpty() ? "" : " (" + String.join(", ", slices) + ")";
  }

  static List<String> months(String from, String to) {
    YearMonth first = month(from, "--from");
    YearMonth last = month(to, "--to");
    if (last.isBefore(first)) {
      throw JobFailure.config("--to " + to + " is before --from " + from);
    }
    List<String> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m.toString());
    }
    return months;
  }

  private static YearMonth month(String text, String option) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw JobFailure.config(option + " '" + text + "' is not a month; use e.g. 2019-01");
    }
  }
}
