package dev.lakesmith.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Collects measured runs and prints them as a Markdown table: medians, throughput, ratio. */
final class BenchmarkTable {
  /**
   * Runs of one contestant at one scale.
   *
   * @param sessions the scale the runs were timed beside (its DuckDB run is the ratio's base)
   * @param sample whether the runs read the small sample corpus (the fixed cost), not the scale's
   * @param stages per run, the curate job's stage timings in ms (empty maps for DuckDB)
   */
  record Cell(
      int sessions,
      boolean sample,
      long records,
      long files,
      String engine,
      List<MeasuredProcess.Result> runs,
      List<Map<String, Long>> stages) {
    /** Over the runs that succeeded: a run that failed part-way did not do the work. */
    double medianSeconds() {
      return median(
              runs.stream()
                  .filter(r -> r.exit() == 0)
                  .mapToLong(MeasuredProcess.Result::wallMillis)
                  .toArray())
          / 1000.0;
    }

    /**
     * Median time to make the run's rows visible: the Parquet swap ({@code publish}) or the Iceberg
     * snapshot ({@code commit}, which includes writing the data files).
     */
    OptionalDouble medianPublishSeconds() {
      long[] ms =
          stages.stream()
              .map(s -> s.getOrDefault("publish", s.get("commit")))
              .filter(java.util.Objects::nonNull)
              .mapToLong(Long::longValue)
              .toArray();
      return ms.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(ms) / 1000.0);
    }

    OptionalLong peakRss() {
      return runs.stream()
          .map(MeasuredProcess.Result::peakRssBytes)
          .filter(OptionalLong::isPresent)
          .mapToLong(OptionalLong::getAsLong)
          .max();
    }
  }

  private final List<Cell> cells = new ArrayList<>();

  void add(Cell cell) {
    cells.add(cell);
  }

  static double median(long[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  String markdown() {
    StringBuilder table = new StringBuilder();
    table.append(
        "| sessions | records | files | engine | median wall s | runs s | records/s | peak RSS MB |"
            + " publish or commit s (share of wall) | Lakesmith/DuckDB |\n");
    table.append("|---:|---:|---:|---|---:|---|---:|---:|---:|---:|\n");
    for (Cell cell : cells) {
      double median = cell.medianSeconds();
      String runs =
          String.join(
              " ",
              cell.runs().stream()
                  .map(
                      r ->
                          String.format(Locale.ROOT, "%.1f", r.wallMillis() / 1000.0)
                              + (r.exit() == 0 ? "" : " (failed)"))
                  .toList());
      String ratio =
          cell.engine().startsWith("lakesmith")
              ? cells.stream()
                  .filter(c -> c.sessions() == cell.sessions() && c.engine().equals("duckdb"))
                  .findFirst()
                  .map(d -> String.format(Locale.ROOT, "%.2fx", median / d.medianSeconds()))
                  .orElse("")
              : "";
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %s | %.1f | %s | %,.0f | %s | %s | %s |%n",
              cell.sample()
                  ? String.format(Locale.ROOT, "sample (beside %,d)", cell.sessions())
                  : String.format(Locale.ROOT, "%,d", cell.sessions()),
              cell.records(),
              cell.files(),
              cell.engine(),
              median,
              runs,
              cell.records() / median,
              cell.peakRss().isPresent()
                  ? String.format(Locale.ROOT, "%,d", cell.peakRss().getAsLong() >> 20)
                  : "n/a",
              cell.medianPublishSeconds().isPresent()
                  ? String.format(
                      Locale.ROOT,
                      "%.1f (%.1f%%)",
                      cell.medianPublishSeconds().getAsDouble(),
                      100 * cell.medianPublishSeconds().getAsDouble() / median)
                  : "",
              ratio));
    }
    return table.toString();
  }
}
