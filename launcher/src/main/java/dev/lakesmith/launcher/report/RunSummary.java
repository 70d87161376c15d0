package dev.lakesmith.launcher.report;

import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.RunManifest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One run as {@code runs} lists it and the report's runs table shows it: the manifest's facts a
 * reader compares between runs. Values the run never reached (counts of a run that failed early,
 * the duration of a run still going) are null.
 *
 * @param durationMs from start to finish (the total timing when the times are missing)
 * @param partitions partitions the run wrote
 */
public record RunSummary(
    String runId,
    String slice,
    String state,
    String startedAt,
    Long read,
    Long quarantined,
    Long duplicatesDropped,
    Long writtenNew,
    Long durationMs,
    int partitions,
    GapSummary gaps,
    String error) {

  public static RunSummary of(RunManifest m) {
    Counts c = m.counts();
    return new RunSummary(
        m.runId(),
        m.slice(),
        m.status(),
        m.startedAt(),
        c == null ? null : c.read(),
        c == null ? null : c.quarantined(),
        c == null ? null : c.duplicatesDropped(),
        c == null ? null : c.writtenNew(),
        duration(m),
        m.partitions() == null ? 0 : m.partitions().size(),
        GapSummary.of(m.gaps()),
        m.error());
  }

  private static Long duration(RunManifest m) {
    try {
      if (m.startedAt() != null && m.finishedAt() != null) {
        return Duration.between(Instant.parse(m.startedAt()), Instant.parse(m.finishedAt()))
            .toMillis();
      }
    } catch (DateTimeParseException e) {
      // fall back to the run's own total
    }
    return m.timingsMs() == null ? null : m.timingsMs().get("total");
  }

  /**
   * A run's gap report in numbers: missing and outlier units summed over the listed groups.
   *
   * @param unit what a missing unit is: {@code day} or {@code minute} ({@code none}: no report)
   */
  public record GapSummary(
      String unit, long groups, long groupsWithGaps, long missing, long outliers) {
    static GapSummary of(Gaps gaps) {
      if (gaps == null) {
        return null;
      }
      return new GapSummary(
          gaps.cadence(),
          gaps.groups(),
          gaps.groupsWithGaps(),
          gaps.listed().stream().mapToLong(Gaps.Group::missing).sum(),
          gaps.listed().stream().mapToLong(Gaps.Group::outlierUnits).sum());
    }

    /** E.g. {@code 1/3 groups: 4 missing days, 3 outlier days}. */
    public String text() {
      if ("none".equals(unit)) {
        return "not checked";
      }
      String text =
          groupsWithGaps
              + "/"
              + groups
              + " groups: "
              + (missing == 0 ? "none missing" : Words.count(missing, "missing " + unit));
      return outliers == 0 ? text : text + ", " + Words.count(outliers, "outlier " + unit);
    }
  }
}
