package dev.lakesmith.core.time;

import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast reader for the ISO-like patterns most sources use ({@code uuuu-MM-dd HH:mm:ss} with a
 * space or {@code 'T'}, optional fractions, an optional or required {@code XXX} offset). It reads
 * only plainly valid values of the exact shape and answers null for anything else, which the
 * pattern's {@code DateTimeFormatter} then decides: so it never accepts, rejects or reads a value
 * differently from the formatter, it only skips the formatter's field maps for the common case.
 *
 * <p>Why our own code: profiling the curate step at a million sessions found {@code
 * DateTimeFormatter} at 10.5% of task CPU samples; with this fast path the whole of {@link
 * TimestampParser} is 1.8%, and the read stage's CPU went from 38 s to 32 s (bench/README.md). No
 * library reads these shapes with java.time's exact rules (strict dates, any fraction length); a
 * random-value test checks that this reader and the formatter always agree.
 */
final class IsoShape {
  private static final Pattern SHAPE =
      Pattern.compile("(?:uuuu|yyyy)-MM-dd( |'T')HH:mm:ss((?:\\[?\\.S+]?)*)(XXX|\\[XXX])?");

  enum Offset {
    NONE,
    OPTIONAL,
    REQUIRED
  }

  /** A value read by the shape: {@code offset} is null for a naive time. */
  record Read(LocalDateTime local, ZoneOffset offset) {}

  private final char separator;
  private final boolean fraction;
  private final Offset offset;

  private IsoShape(char separator, boolean fraction, Offset offset) {
    this.separator = separator;
    this.fraction = fraction;
    this.offset = offset;
  }

  /** The shape of a configured pattern, if it has one this class reads. */
  static Optional<IsoShape> of(String pattern) {
    Matcher m = SHAPE.matcher(pattern);
    if (!m.matches()) {
      return Optional.empty();
    }
    String fractions = m.group(2);
    Offset offset =
        m.group(3) == null
            ? Offset.NONE
            : m.group(3).equals("XXX") ? Offset.REQUIRED : Offset.OPTIONAL;
    return Optional.of(
        new IsoShape(m.group(1).equals(" ") ? ' ' : 'T', !fractions.isEmpty(), offset));
  }

  /** The value, or null when it is not a plainly valid value of this shape. */
  Read read(String text) {
    int n = text.length();
    if (n < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != separator
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(IsoChronology.INSTANCE.isLeapYear(year))
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int pos = 19;
    int nanos = 0;
    if (pos < n && text.charAt(pos) == '.') {
      if (!fraction) {
        return null;
      }
      int start = ++pos;
      while (pos < n && pos - start < 10 && isDigit(text.charAt(pos))) {
        nanos = nanos * 10 + (text.charAt(pos) - '0');
        pos++;
      }
      int count = pos - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset zoneOffset = null;
    if (pos < n) {
      if (offset == Offset.NONE) {
        return null;
      }
      zoneOffset = offset(text, pos);
      if (zoneOffset == null) {
        return null;
      }
    } else if (offset == Offset.REQUIRED) {
      return null;
    }
    return new Read(LocalDateTime.of(year, month, day, hour, minute, second, nanos), zoneOffset);
  }

  /** {@code Z} or {@code ±HH:MM} ending the text; null for any other offset text. */
  private static ZoneOffset offset(String text, int pos) {
    int left = text.length() - pos;
    char sign = text.charAt(pos);
    if (left == 1 && sign == 'Z') {
      return ZoneOffset.UTC;
    }
    if (left != 6 || (sign != '+' && sign != '-') || text.charAt(pos + 3) != ':') {
      return null;
    }
    int hours = digits(text, pos + 1, 2);
    int minutes = digits(text, pos + 4, 2);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return null;
    }
    int seconds = hours * 3600 + minutes * 60;
    return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
  }

  /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
