package dev.lakesmith.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakesmith.core.manifest.DenseRange.Cluster;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How a group's units split into the dense range and outliers. */
class DenseRangeTest {
  private static TreeMap<Long, Long> units(long... unitAndRows) {
    TreeMap<Long, Long> map = new TreeMap<>();
    for (int i = 0; i < unitAndRows.length; i += 2) {
      map.put(unitAndRows[i], unitAndRows[i + 1]);
    }
    return map;
  }

  @Test
  void isolatedDaysFarBeforeTheBulkAreOutliers() {
    DenseRange.Split split =
        DenseRange.split(units(10, 2, 11, 1, 100, 5, 101, 5, 103, 5, 200, 1), 14);

    assertEquals(new Cluster(100, 103, 3, 15), split.dense());
    assertEquals(List.of(new Cluster(10, 11, 2, 3), new Cluster(200, 200, 1, 1)), split.outliers());
  }

  @Test
  void aStretchOfExactlyMinGapEmptyUnitsStaysInTheRange() {
    DenseRange.Split split = DenseRange.split(units(0, 1, 15, 1, 16, 1), 14);

    assertEquals(new Cluster(0, 16, 3, 3), split.dense());
    assertEquals(List.of(), split.outliers());
    assertEquals(
        List.of(new Cluster(0, 0, 1, 1)),
        DenseRange.split(units(0, 1, 16, 1, 17, 1), 14).outliers());
  }

  @Test
  void aWeeklySeriesIsNotSplitAtEveryWeek() {
    DenseRange.Split split = DenseRange.split(units(0, 1, 21, 1, 42, 1, 63, 1, 84, 1), 14);

    assertEquals(new Cluster(0, 84, 5, 5), split.dense());
    assertEquals(List.of(), split.outliers());
  }

  @Test
  void onTiedRowsTheClusterWithMoreUnitsIsDense() {
    DenseRange.Split split = DenseRange.split(units(0, 4, 50, 2, 51, 2), 14);

    assertEquals(new Cluster(50, 51, 2, 4), split.dense());
    assertEquals(List.of(new Cluster(0, 0, 1, 4)), split.outliers());
  }
}
