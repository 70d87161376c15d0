package dev.lakesmith.launcher.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns for a terminal: left-aligned text, right-aligned numbers,
 * two spaces between columns, no escape codes (the output is as readable in a log or a pipe).
 */
public final class TextTable {
  /** A column: its heading and whether its values are numbers (right-aligned). */
  public record Column(String heading, boolean numeric) {}

  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  public TextTable row(List<String> cells) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.size() + " cells in a table of " + columns.size() + " columns");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** The heading line and one line per row, each ending with a newline, no trailing spaces. */
  public String render() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).heading().length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, columns.stream().map(Column::heading).toList(), widths);
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(columns.get(i).numeric() ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
