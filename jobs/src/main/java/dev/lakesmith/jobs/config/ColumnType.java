package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Types a curated column may have; timestamps are stored as UTC instants (TIMESTAMP_MICROS). */
public enum ColumnType {
  STRING,
  LONG,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP;

  public static ColumnType parse(String value, String where) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JobFailure.config(
          where + ": type '" + value + "' is not one of " + names() + "; use e.g. 'string'");
    }
  }

  static String names() {
    return Arrays.stream(values())
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
