package dev.lakesmith.jobs.manifest;

import java.util.List;
import java.util.Map;

/**
 * The gap report of a run: per group (the non-date partition values plus the dataset's {@code
 * gaps.group-by} columns), rows per event day in the partitions the run touched and the units (days
 * or minutes, per the dataset's cadence) between the group's first and last unit that have no rows.
 * Bounded: at most {@code max-groups} groups and {@code max-listed} ranges each.
 *
 * @param groups groups seen in the touched partitions
 * @param groupsWithGaps groups with at least one missing unit
 */
public record Gaps(
    String cadence, List<String> groupBy, long groups, long groupsWithGaps, List<Group> listed) {

  /**
   * @param first first unit with rows (yyyy-MM-dd, or yyyy-MM-ddTHH:mmZ for minutes)
   * @param missing every missing unit of the group, listed or not
   */
  public record Group(
      Map<String, String> key,
      String first,
      String last,
      long missing,
      List<Range> missingRanges,
      Map<String, Long> rowsPerDay) {}

  /** Consecutive missing units, both ends included. */
  public record Range(String from, String to, long units) {}
}
