package dev.lakesmith.launcher.report;

import dev.lakesmith.core.manifest.DenseRange;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.RunManifest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One group's rows per event day across the dataset's runs, split like the manifest's gap report
 * ({@link DenseRange}): the report draws the dense range with its missing days and lists the
 * outlier days apart. Built from the manifests' per-day counts of successful runs, oldest first, a
 * later run's count of a day replacing an earlier one (a run counts the whole partitions it
 * rewrote), so the data is never rescanned.
 *
 * @param label the group's key, e.g. {@code name=page_viewed}
 * @param days rows per day in the dense range (days without rows absent)
 * @param missing days of the dense range without rows
 * @param outliers rows per day set apart from the dense range
 */
public record GroupDays(
    String label,
    LocalDate first,
    LocalDate last,
    SortedMap<LocalDate, Long> days,
    List<LocalDate> missing,
    SortedMap<LocalDate, Long> outliers) {

  public long rows() {
    return days.values().stream().mapToLong(Long::longValue).sum()
        + outliers.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The groups of these runs (newest first, as listed), ordered by label. */
  public static List<GroupDays> of(List<RunManifest> newestFirst, long minGap) {
    Map<String, SortedMap<Long, Long>> merged = new TreeMap<>();
    List<RunManifest> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    for (RunManifest run : oldestFirst) {
      if (!RunManifest.SUCCEEDED.equals(run.status()) || run.gaps() == null) {
        continue;
      }
      for (Gaps.Group group : run.gaps().listed()) {
        SortedMap<Long, Long> days =
            merged.computeIfAbsent(label(group.key()), k -> new TreeMap<>());
        group
            .rowsPerDay()
            .forEach((day, rows) -> days.put(LocalDate.parse(day).toEpochDay(), rows));
      }
    }
    List<GroupDays> groups = new ArrayList<>();
    merged.forEach((label, days) -> groups.add(split(label, days, minGap)));
    return groups;
  }

  private static GroupDays split(String label, SortedMap<Long, Long> days, long minGap) {
    DenseRange.Cluster dense = DenseRange.split(days, minGap).dense();
    SortedMap<LocalDate, Long> inRange = new TreeMap<>();
    SortedMap<LocalDate, Long> outliers = new TreeMap<>();
    days.forEach(
        (day, rows) ->
            (day >= dense.first() && day <= dense.last() ? inRange : outliers)
                .put(LocalDate.ofEpochDay(day), rows));
    List<LocalDate> missing = new ArrayList<>();
    for (long day = dense.first(); day <= dense.last(); day++) {
      if (!days.containsKey(day)) {
        missing.add(LocalDate.ofEpochDay(day));
      }
    }
    return new GroupDays(
        label,
        LocalDate.ofEpochDay(dense.first()),
        LocalDate.ofEpochDay(dense.last()),
        inRange,
        List.copyOf(missing),
        outliers);
  }

  private static String label(Map<String, String> key) {
    return key.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
