package dev.lakesmith.launcher.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a runs listing, shared by {@code runs} (as text) and the HTML report (as a table),
 * so both show the same facts in the same order and format.
 */
public final class RunsTable {
  public static final List<TextTable.Column> COLUMNS =
      List.of(
          new TextTable.Column("RUN ID", false),
          new TextTable.Column("SLICE", false),
          new TextTable.Column("STATE", false),
          new TextTable.Column("READ", true),
          new TextTable.Column("QUARANTINED", true),
          new TextTable.Column("DUPES", true),
          new TextTable.Column("NEW", true),
          new TextTable.Column("DURATION", true),
          new TextTable.Column("PARTITIONS", true),
          new TextTable.Column("GAPS", false));

  private RunsTable() {}

  /** One run's cells, in {@link #COLUMNS} order; {@code -} for what the run never reached. */
  public static List<String> cells(RunSummary run) {
    List<String> cells = new ArrayList<>();
    cells.add(String.valueOf(run.runId()));
    cells.add(String.valueOf(run.slice()));
    cells.add(String.valueOf(run.state()));
    cells.add(number(run.read()));
    cells.add(number(run.quarantined()));
    cells.add(number(run.duplicatesDropped()));
    cells.add(number(run.writtenNew()));
    cells.add(duration(run.durationMs()));
    cells.add(String.valueOf(run.partitions()));
    cells.add(run.gaps() == null ? "-" : run.gaps().text());
    return cells;
  }

  public static String text(List<RunSummary> runs) {
    TextTable table = new TextTable(COLUMNS);
    runs.forEach(r -> table.row(cells(r)));
    return table.render();
  }

  private static String number(Long n) {
    return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 850ms}, {@code 27.6s}, {@code 12m05s}. */
  static String duration(Long ms) {
    if (ms == null) {
      return "-";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long seconds = ms / 1000;
    return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
