package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.util.Locale;

/** Which offset a local time that occurs twice (the DST fall-back hour) resolves to. */
public enum DstOverlap {
  EARLIER,
  LATER;

  public static DstOverlap parse(String value, String where) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JobFailure.config(
          where + ": '" + value + "' is not a dst-overlap; use earlier or later");
    }
  }
}
