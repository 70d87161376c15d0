package dev.lakesmith.core.time;

import java.math.BigDecimal;
import java.time.Instant;

/** Unit of a numeric timestamp counted from 1970-01-01T00:00:00Z; fractions are honoured. */
public enum EpochUnit {
  SECONDS(1_000_000_000L),
  MILLIS(1_000_000L),
  MICROS(1_000L),
  NANOS(1L);

  /** Digits before the point of any epoch value in range (Instant.MAX is ~3.2e16 s, 3.2e34 ns). */
  private static final int MAX_INTEGER_DIGITS = 40;

  /** Below 1e-30 of any unit is less than a nanosecond. */
  private static final int MIN_INTEGER_DIGITS = -30;

  private final long nanosPerUnit;

  EpochUnit(long nanosPerUnit) {
    this.nanosPerUnit = nanosPerUnit;
  }

  /**
   * The instant {@code value} units after the epoch; {@link ArithmeticException} when out of range.
   * The magnitude is checked first: exact arithmetic on an exponent such as {@code 1e100000000}
   * would build numbers of millions of digits.
   */
  public Instant toInstant(BigDecimal value) {
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits > MAX_INTEGER_DIGITS) {
      throw new ArithmeticException("epoch value out of range");
    }
    if (integerDigits < MIN_INTEGER_DIGITS) {
      return Instant.EPOCH;
    }
    BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit));
    BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    long seconds = secondsAndNanos[0].longValueExact();
    long nanoAdjustment = secondsAndNanos[1].longValue();
    return Instant.ofEpochSecond(seconds, nanoAdjustment);
  }
}
