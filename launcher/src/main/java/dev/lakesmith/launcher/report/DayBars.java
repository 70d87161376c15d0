package dev.lakesmith.launcher.report;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One group's dense range as an inline SVG bar chart: a bar per day with rows ({@code class="bar"},
 * height by rows), a full-height red band per missing day ({@code class="missing"}), each with a
 * tooltip; first and last day and the largest count as labels.
 */
public final class DayBars {
  static final int WIDTH = 1000;
  static final int HEIGHT = 140;
  private static final int TOP = 16;
  private static final int BOTTOM = 22;
  private static final int LEFT = 48;

  /** The widest bar, so that a few days do not turn into blocks. */
  private static final double MAX_STEP = 36;

  private DayBars() {}

  public static String svg(GroupDays group) {
    long days = group.last().toEpochDay() - group.first().toEpochDay() + 1;
    long max = group.days().values().stream().mapToLong(Long::longValue).max().orElse(1);
    double plot = HEIGHT - TOP - BOTTOM;
    double step = Math.min(MAX_STEP, (double) (WIDTH - LEFT) / days);
    double right = LEFT + step * days;
    double gap = step > 4 ? Math.min(2, step / 5) : 0;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"days\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
            WIDTH,
            HEIGHT,
            Html.escape("rows per day of " + group.label())));
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
            LEFT,
            TOP + plot,
            right,
            TOP + plot));
    svg.append(label(LEFT - 6, TOP + 4, "end", String.format(Locale.ROOT, "%,d", max)));
    svg.append(label(LEFT - 6, TOP + plot, "end", "0"));
    for (long i = 0; i < days; i++) {
      LocalDate day = group.first().plusDays(i);
      double x = LEFT + i * step + gap / 2;
      Long rows = group.days().get(day);
      if (rows != null) {
        double h = Math.max(1, plot * rows / max);
        svg.append(
            rect("bar", x, TOP + plot - h, step - gap, h, day + ": " + Words.count(rows, "row")));
      } else {
        svg.append(rect("missing", x, TOP, step - gap, plot, day + ": missing"));
      }
    }
    svg.append(label(LEFT, HEIGHT - 6, "start", group.first().toString()));
    if (days > 1) {
      svg.append(label(Math.max(right, LEFT + 150), HEIGHT - 6, "end", group.last().toString()));
    }
    return svg.append("</svg>").toString();
  }

  private static String rect(String cls, double x, double y, double w, double h, String title) {
    return String.format(
        Locale.ROOT,
        "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s</title></rect>",
        cls,
        x,
        y,
        w,
        h,
        Html.escape(title));
  }

  private static String label(double x, double y, String anchor, String text) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        anchor,
        Html.escape(text));
  }
}
