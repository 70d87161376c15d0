package dev.lakesmith.launcher.report;

import dev.lakesmith.core.manifest.RunManifest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dataset's report as one self-contained HTML page (inline CSS and SVG, nothing fetched): rows
 * per event day per group with missing days marked and outlier days apart, the latest run's
 * quarantine reasons, and the last runs. Rendered from manifests alone; every manifest value is
 * escaped.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;margin:24px 32px;background:#fff}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e4e7eb;padding-bottom:4px}
      h3{font-size:14px;margin:18px 0 4px}.muted{color:#616e7c}.summary{margin:4px 0 0}
      table{border-collapse:collapse;font-size:13px}th,td{padding:4px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
      th{background:#f5f7fa;font-weight:600}table.runs td{white-space:nowrap}table.runs td:last-child{white-space:normal}td.num{text-align:right;font-variant-numeric:tabular-nums}
      svg.days{width:100%;max-width:1000px;height:auto;display:block}
      svg .bar{fill:#3e7cb1}svg .missing{fill:#f8b4b4}svg .axis{stroke:#9aa5b1}svg text{font-size:11px;fill:#616e7c}
      .chip{display:inline-block;padding:1px 8px;margin:2px 4px 2px 0;border-radius:10px;font-size:12px}
      .outlier{background:#fff3c4;color:#8d6708}.gap{background:#fde8e8;color:#9b1c1c}
      .state-SUCCEEDED{color:#1a7f37}.state-FAILED{color:#b42318}.state-RUNNING,.state-PUBLISHING{color:#8d6708}
      code{font-size:12px;word-break:break-all}.meter{background:#3e7cb1;height:8px;border-radius:2px}
      .legend span{margin-right:14px}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
      """;

  private HtmlReport() {}

  /**
   * @param runs the dataset's runs, newest first
   * @param shownRuns how many of them the runs table lists
   */
  public static String render(
      String dataset,
      String location,
      List<RunManifest> runs,
      int shownRuns,
      long minGap,
      Instant now) {
    List<GroupDays> groups = GroupDays.of(runs, minGap);
    RunManifest latest = runs.get(0);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(Html.escape("Lakesmith report: " + dataset))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    html.append("<h1>")
        .append(Html.escape(dataset))
        .append("</h1><p class=\"muted summary\">")
        .append(Html.escape(Words.count(runs.size(), "run") + " under " + location + " · latest "))
        .append(state(latest.status()))
        .append(Html.escape(" " + latest.runId() + " · generated " + now))
        .append("</p>\n");
    days(html, groups);
    reasons(html, latest);
    runsTable(html, runs.subList(0, Math.min(shownRuns, runs.size())));
    return html.append("</body></html>\n").toString();
  }

  private static void days(StringBuilder html, List<GroupDays> groups) {
    html.append("<h2>Rows per event day</h2>\n");
    if (groups.isEmpty()) {
      html.append("<p class=\"muted\">No successful run reported rows per day.</p>\n");
      return;
    }
    html.append(
        "<p class=\"legend muted\"><span><i class=\"swatch\" style=\"background:#3e7cb1\"></i>rows</span>"
            + "<span><i class=\"swatch\" style=\"background:#f8b4b4\"></i>missing day</span>"
            + "<span><i class=\"swatch\" style=\"background:#fff3c4\"></i>outlier day (far from"
            + " the group's dense range, not counted as a gap)</span></p>\n");
    for (GroupDays g : groups) {
      html.append("<section class=\"group\"><h3>")
          .append(Html.escape(g.label()))
          .append("</h3><p class=\"muted summary\">")
          .append(
              Html.escape(
                  String.format(
                      Locale.ROOT,
                      "%s · %s to %s · %s with rows · %s · %s",
                      Words.count(g.rows(), "row"),
                      g.first(),
                      g.last(),
                      Words.count(g.days().size(), "day"),
                      Words.count(g.missing().size(), "missing day"),
                      Words.count(g.outliers().size(), "outlier day"))))
          .append("</p>\n")
          .append(DayBars.svg(g))
          .append('\n');
      if (!g.missing().isEmpty()) {
        html.append("<div>Missing: ");
        for (LocalDate day : g.missing()) {
          html.append("<span class=\"chip gap\">").append(day).append("</span>");
        }
        html.append("</div>\n");
      }
      if (!g.outliers().isEmpty()) {
        html.append("<div>Outliers: ");
        for (Map.Entry<LocalDate, Long> day : g.outliers().entrySet()) {
          html.append("<span class=\"chip outlier\">")
              .append(
                  Html.escape(
                      String.format(Locale.ROOT, "%s: %,d rows", day.getKey(), day.getValue())))
              .append("</span>");
        }
        html.append("</div>\n");
      }
      html.append("</section>\n");
    }
  }

  private static void reasons(StringBuilder html, RunManifest latest) {
    html.append("<h2>Quarantine reasons (latest run ")
        .append(Html.escape(latest.runId()))
        .append(")</h2>\n");
    List<RunManifest.ReasonCount> reasons =
        latest.quarantineReasons() == null ? List.of() : latest.quarantineReasons();
    if (reasons.isEmpty()) {
      html.append("<p class=\"muted\">Nothing quarantined.</p>\n");
      return;
    }
    long max = reasons.stream().mapToLong(RunManifest.ReasonCount::count).max().orElse(1);
    html.append(
        "<table class=\"reasons\"><tr><th>Reason</th><th>Count</th><th></th><th>Example</th></tr>\n");
    reasons.stream()
        .sorted(Comparator.comparingLong(RunManifest.ReasonCount::count).reversed())
        .forEach(
            r ->
                html.append("<tr class=\"reason\"><td>")
                    .append(Html.escape(r.reason()))
                    .append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", r.count()))
                    .append("</td><td style=\"width:120px\"><div class=\"meter\" style=\"width:")
                    .append(Math.max(1, 100 * r.count() / max))
                    .append("%\"></div></td><td><code>")
                    .append(Html.escape(r.example()))
                    .append("</code></td></tr>\n"));
    html.append("</table>\n");
  }

  private static void runsTable(StringBuilder html, List<RunManifest> runs) {
    html.append("<h2>Last runs</h2>\n<table class=\"runs\"><tr>");
    RunsTable.COLUMNS.forEach(
        c -> html.append("<th>").append(Html.escape(c.heading())).append("</th>"));
    html.append("</tr>\n");
    for (RunManifest run : runs) {
      List<String> cells = RunsTable.cells(RunSummary.of(run));
      html.append("<tr class=\"run\">");
      for (int i = 0; i < cells.size(); i++) {
        String cell = Html.escape(cells.get(i));
        boolean numeric = RunsTable.COLUMNS.get(i).numeric();
        html.append(numeric ? "<td class=\"num\">" : "<td>")
            .append(i == 2 ? state(cells.get(i)) : cell)
            .append("</td>");
      }
      html.append("</tr>\n");
      if (run.error() != null) {
        html.append("<tr class=\"error\"><td></td><td colspan=\"")
            .append(cells.size() - 1)
            .append("\"><code>")
            .append(Html.escape(run.error()))
            .append("</code></td></tr>\n");
      }
    }
    html.append("</table>\n");
  }

  private static String state(String status) {
    String s = Html.escape(status);
    return "<span class=\"state-" + s + "\">" + s + "</span>";
  }
}
