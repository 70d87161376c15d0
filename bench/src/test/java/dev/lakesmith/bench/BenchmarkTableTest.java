package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A run that failed is shown as failed and left out of the median it would otherwise move. */
class BenchmarkTableTest {
  private static MeasuredProcess.Result run(int exit, long millis) {
    return new MeasuredProcess.Result(exit, millis, OptionalLong.of(1L << 30), "");
  }

  @Test
  void failedRunsAreMarkedAndNotInTheMedian() {
    List<MeasuredProcess.Result> runs =
        List.of(run(3, 173_600), run(0, 151_200), run(0, 165_100), run(0, 157_900));
    BenchmarkTable.Cell cell =
        new BenchmarkTable.Cell(
            3_000_000, false, 22_000_000, 36_943, "lakesmith", runs, List.of(Map.of()));
    assertEquals(157.9, cell.medianSeconds(), 1e-9);
    BenchmarkTable table = new BenchmarkTable();
    table.add(cell);
    String markdown = table.markdown();
    assertTrue(markdown.contains("| 173.6 (failed) 151.2 165.1 157.9 |"), markdown);
    assertTrue(Double.isNaN(BenchmarkTable.median(new long[0])));
  }
}
