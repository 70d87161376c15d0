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

  private DayBars() {}

  public static String svg(GroupDays group) {
    long days = group.last().toEpochDay() - group.first().toEpochDay() + 1;
    long max = group.days().values().stream().mapToLong(Long::longValue).max().orElse(1);
    double plot = HEIGHT - TOP - BOTTOM;
    double step = (double) (WIDTH - LEFT) / days;
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
            "<line class=\"axis\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
            LEFT,
            TOP + plot,
            WIDTH,
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
            rect(
                "bar",
                x,
                TOP + plot - h,
                step - gap,
                h,
                day + ": " + String.format(Locale.ROOT, "%,d rows", rows)));
      } else {
        svg.append(rect("missing", x, TOP, step - gap, plot, day + ": missing"));
      }
    }
    svg.append(label(LEFT, HEIGHT - 6, "start", group.first().toString()));
    svg.append(label(WIDTH, HEIGHT - 6, "end", group.last().toString()));
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
