package dev.lakesmith.core.manifest;

import java.util.List;
import java.util.Map;

/**
 * The gap report of a run: per group (the non-date partition values plus the dataset's {@code
 * gaps.group-by} columns), rows per event day in the partitions the run touched and the units (days
 * or minutes, per the dataset's cadence) inside the group's dense range that have no rows. Units
 * with rows far from the bulk (see {@link DenseRange}) are outliers, listed apart and not counted
 * as gaps. Bounded: at most {@code max-groups} groups and {@code max-listed} ranges each.
 *
 * @param groups groups seen in the touched partitions
 * @param groupsWithGaps groups with at least one missing unit
 */
public record Gaps(
    String cadence, List<String> groupBy, long groups, long groupsWithGaps, List<Group> listed) {

  /**
   * @param first first unit of the dense range (yyyy-MM-dd, or yyyy-MM-ddTHH:mmZ for minutes)
   * @param last last unit of the dense range
   * @param missing every missing unit of the dense range, listed or not
   * @param rowsPerDay rows per event day, outliers included
   * @param outliers runs of units with rows set apart from the dense range (empty in manifests
   *     written before outliers were told apart)
   */
  public record Group(
      Map<String, String> key,
      String first,
      String last,
      long missing,
      List<Range> missingRanges,
      Map<String, Long> rowsPerDay,
      List<Outlier> outliers) {
    public Group {
      outliers = outliers == null ? List.of() : List.copyOf(outliers);
    }

    /** Units with rows outside the dense range. */
    public long outlierUnits() {
      return outliers.stream().mapToLong(Outlier::units).sum();
    }
  }

  /**
   * Units with rows set apart from the group's dense range.
   *
   * @param units units with rows between {@code from} and {@code to}
   */
  public record Outlier(String from, String to, long units, long rows) {}

  /** Consecutive missing units, both ends included. */
  public record Range(String from, String to, long units) {}
}
