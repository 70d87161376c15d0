package dev.lakesmith.core.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Splits a group's units with rows (epoch days or epoch minutes) into its dense range and outliers.
 * A handful of test or mis-dated records months before the bulk would otherwise make every unit in
 * between "missing"; here a run of units separated from its neighbours by a long stretch is set
 * apart, and only units missing inside the dense range count as gaps.
 *
 * <p>Units form clusters: consecutive units with rows stay in one cluster while fewer than or
 * exactly {@code threshold} units lie empty between them, where {@code threshold} is the larger of
 * {@code minGap} and {@link #SPACING_FACTOR} times the group's median spacing (so a weekly series
 * is not split at every week). The cluster with the most rows (then the most units, then the
 * latest) is the dense range; the others are outliers.
 */
public final class DenseRange {
  /** Empty units that set a cluster apart when the group's spacing is one unit. */
  public static final long DEFAULT_MIN_GAP = 14;

  /** A cluster is set apart by more than this many times the group's median spacing. */
  public static final long SPACING_FACTOR = 5;

  /** Consecutive units with rows, both ends included; {@code units} counts those with rows. */
  public record Cluster(long first, long last, long units, long rows) {}

  /** The dense range and the outlier clusters, in unit order. */
  public record Split(Cluster dense, List<Cluster> outliers) {}

  private DenseRange() {}

  /**
   * @param rowsByUnit rows per unit; at least one unit
   * @param minGap empty units that always set a cluster apart when exceeded
   */
  public static Split split(SortedMap<Long, Long> rowsByUnit, long minGap) {
    if (rowsByUnit.isEmpty()) {
      throw new IllegalArgumentException("a group has at least one unit");
    }
    long threshold = Math.max(minGap, SPACING_FACTOR * medianSpacing(rowsByUnit));
    List<Cluster> clusters = new ArrayList<>();
    long first = rowsByUnit.firstKey();
    long previous = first;
    long units = 0;
    long rows = 0;
    for (Map.Entry<Long, Long> unit : rowsByUnit.entrySet()) {
      if (unit.getKey() - previous - 1 > threshold) {
        clusters.add(new Cluster(first, previous, units, rows));
        first = unit.getKey();
        units = 0;
        rows = 0;
      }
      units++;
      rows += unit.getValue();
      previous = unit.getKey();
    }
    clusters.add(new Cluster(first, previous, units, rows));
    Cluster dense =
        clusters.stream()
            .max(
                Comparator.comparingLong(Cluster::rows)
                    .thenComparingLong(Cluster::units)
                    .thenComparingLong(Cluster::first))
            .orElseThrow();
    return new Split(dense, clusters.stream().filter(c -> c != dense).toList());
  }

  /** The lower median distance between consecutive units (1 for a single unit). */
  private static long medianSpacing(SortedMap<Long, Long> rowsByUnit) {
    List<Long> spacings = new ArrayList<>();
    Long previous = null;
    for (long unit : rowsByUnit.keySet()) {
      if (previous != null) {
        spacings.add(unit - previous);
      }
      previous = unit;
    }
    if (spacings.isEmpty()) {
      return 1;
    }
    spacings.sort(null);
    return spacings.get((spacings.size() - 1) / 2);
  }
}
