package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** Unit of a numeric timestamp counted from 1970-01-01T00:00:00Z; fractions are honoured. */
public enum EpochUnit {
  SECONDS(1_000_000_000L),
  MILLIS(1_000_000L),
  MICROS(1_000L),
  NANOS(1L);

  private final long nanosPerUnit;

  EpochUnit(long nanosPerUnit) {
    this.nanosPerUnit = nanosPerUnit;
  }

  public Instant toInstant(BigDecimal value) {
    BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit));
    BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    long seconds = secondsAndNanos[0].longValueExact();
    long nanoAdjustment = secondsAndNanos[1].longValue();
    return Instant.ofEpochSecond(seconds, nanoAdjustment);
  }

  public static EpochUnit parse(String value, String where) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JobFailure.config(
          where + ": epoch-unit '" + value + "' is not seconds, millis, micros or nanos");
    }
  }
}
