package dev.lakesmith.core.time;

import dev.lakesmith.core.BadValueException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one timestamp value into a UTC instant with java.time rules, never the JVM's default zone.
 *
 * <p>A naive wall-clock time is placed in the column's zone: a time inside a DST gap moves forward
 * by the length of the gap, a time inside an overlap takes the earlier offset (or the later one, if
 * configured). Values carrying an offset or {@code Z} keep it; numbers are epoch counts in the
 * configured unit. Parsing is strict: {@code 2023-02-30 25:61:00} is rejected, not rolled over.
 * Typed values from self-describing formats keep their meaning: an {@link Instant} is one, a {@link
 * LocalDateTime} (a timestamp without zone) is a wall-clock time like naive text.
 *
 * <p>Why our own code around java.time rather than Spark's {@code to_timestamp}: Spark reads naive
 * times in the session zone (one per job, not one per column or hospital), and a bad value becomes
 * null or, in ANSI mode, fails the whole query, instead of quarantining its record with a reason.
 * The parts beyond java.time are for speed: the offset is looked up once per span between DST
 * transitions and formats are tried last-match-first without an exception per miss (part of the
 * reader round that took a single-thread read of the 13,058-file benchmark corpus from 8.1 s to 3.3
 * s, bench/README.md); the common ISO shapes go through {@link IsoShape} (see there).
 */
public final class TimestampParser {
  /** {@code .S…} in a pattern means "an optional fraction of 0 to 9 digits". */
  private static final Pattern FRACTION = Pattern.compile("\\[?\\.S+]?");

  private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final String column;
  private final List<DateTimeFormatter> formatters;
  private final List<Optional<IsoShape>> shapes;
  private final List<String> patterns;
  private final ZoneId zone;
  private final DstOverlap overlap;
  private final Optional<EpochUnit> epochUnit;
  private volatile int lastFormat;
  private volatile SteadyOffset lastSteady;

  /**
   * @param column named in quarantine reasons
   * @param formats tried in order
   * @param zone of values without an offset
   * @param epochUnit for numeric values, if the column takes them
   */
  public TimestampParser(
      String column,
      List<String> formats,
      ZoneId zone,
      Optional<EpochUnit> epochUnit,
      DstOverlap overlap) {
    this.column = column;
    this.patterns = List.copyOf(formats);
    this.formatters = patterns.stream().map(TimestampParser::formatter).toList();
    this.shapes = patterns.stream().map(IsoShape::of).toList();
    this.zone = zone;
    this.overlap = overlap;
    this.epochUnit = epochUnit;
  }

  /** The parser of one `formats` pattern; IllegalArgumentException when it is not a pattern. */
  public static DateTimeFormatter formatter(String pattern) {
    try {
      DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
      Matcher fraction = FRACTION.matcher(pattern);
      int start = 0;
      while (fraction.find()) {
        appendPattern(builder, pattern.substring(start, fraction.start()));
        builder
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd();
        start = fraction.end();
      }
      appendPattern(builder, pattern.substring(start));
      return builder.toFormatter().withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "timestamp format '" + pattern + "' is not a java.time pattern: " + e.getMessage(), e);
    }
  }

  private static void appendPattern(DateTimeFormatterBuilder builder, String part) {
    if (!part.isEmpty()) {
      builder.appendPattern(part.replace("yyyy", "uuuu"));
    }
  }

  /** The instant, or a {@link BadValueException} saying why the value is not one. */
  public Instant parse(Object value) {
    return parse(value, zone);
  }

  /** As {@link #parse(Object)}, naive times read in {@code naiveZone} (a per-record zone). */
  public Instant parse(Object value, ZoneId naiveZone) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof LocalDateTime local) {
      return inZone(local, naiveZone);
    }
    if (value instanceof Number number) {
      return fromEpoch(new BigDecimal(number.toString()), value);
    }
    String text = value.toString().trim();
    if (epochUnit.isPresent() && NUMERIC.matcher(text).matches()) {
      return fromEpoch(new BigDecimal(text), value);
    }
    // Start with the format that matched last: values of one source mostly share a format, and a
    // format that does not match costs an exception.
    int first = lastFormat;
    for (int i = 0; i < formatters.size(); i++) {
      int index = (first + i) % formatters.size();
      Instant instant = read(index, text, naiveZone);
      if (instant != null) {
        if (index != first) {
          lastFormat = index;
        }
        return instant;
      }
    }
    throw new BadValueException(
        "column '"
            + column
            + "': '"
            + abbreviate(text)
            + "' is not a valid timestamp for formats "
            + patterns
            + (epochUnit.isPresent() ? " or epoch " + epochUnit.get().name().toLowerCase() : ""));
  }

  /** The value read with format {@code index}, or null when it does not match the format. */
  private Instant read(int index, String text, ZoneId naiveZone) {
    Optional<IsoShape> shape = shapes.get(index);
    IsoShape.Read fast = shape.isPresent() ? shape.get().read(text) : null;
    if (fast != null) {
      return fast.offset() == null
          ? inZone(fast.local(), naiveZone)
          : fast.local().toInstant(fast.offset());
    }
    try {
      TemporalAccessor parsed = formatters.get(index).parse(text);
      return parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(parsed).toInstant()
          : inZone(LocalDateTime.from(parsed), naiveZone);
    } catch (DateTimeException e) {
      return null;
    }
  }

  public Instant inZone(LocalDateTime local) {
    return inZone(local, zone);
  }

  private Instant inZone(LocalDateTime local, ZoneId naiveZone) {
    SteadyOffset steady = lastSteady;
    if (steady == null || !steady.covers(naiveZone, local)) {
      steady = SteadyOffset.around(naiveZone, local);
      if (steady == null) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, naiveZone, null);
        return (overlap == DstOverlap.LATER ? zoned.withLaterOffsetAtOverlap() : zoned).toInstant();
      }
      lastSteady = steady;
    }
    return local.toInstant(steady.offset());
  }

  /**
   * A span of wall-clock times between two transitions of a zone, where every local time has
   * exactly one offset. Looking the offset up in the zone rules for every value is the costly part
   * of placing naive times; consecutive values mostly fall in the same span.
   */
  private record SteadyOffset(
      ZoneId zone, LocalDateTime from, LocalDateTime until, ZoneOffset offset) {
    boolean covers(ZoneId other, LocalDateTime local) {
      return zone.equals(other) && !local.isBefore(from) && local.isBefore(until);
    }

    /** The span holding {@code local}, or null when it is in a gap or overlap. */
    static SteadyOffset around(ZoneId zone, LocalDateTime local) {
      ZoneRules rules = zone.getRules();
      if (rules.getTransition(local) != null) {
        return null;
      }
      ZoneOffset offset = rules.getOffset(local);
      Instant instant = local.toInstant(offset);
      ZoneOffsetTransition previous = rules.previousTransition(instant.plusNanos(1));
      ZoneOffsetTransition next = rules.nextTransition(instant);
      LocalDateTime from = LocalDateTime.MIN;
      if (previous != null) {
        from = latest(previous.getDateTimeBefore(), previous.getDateTimeAfter());
      }
      LocalDateTime until = LocalDateTime.MAX;
      if (next != null) {
        until = earliest(next.getDateTimeBefore(), next.getDateTimeAfter());
      }
      return new SteadyOffset(zone, from, until, offset);
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
      return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime earliest(LocalDateTime a, LocalDateTime b) {
      return a.isBefore(b) ? a : b;
    }
  }

  private Instant fromEpoch(BigDecimal number, Object raw) {
    if (epochUnit.isEmpty()) {
      throw new BadValueException(
          "column '"
              + column
              + "': number "
              + raw
              + " is not accepted as a timestamp; set epoch-unit for the column");
    }
    try {
      return epochUnit.get().toInstant(number);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new BadValueException(
          "column '" + column + "': epoch value " + raw + " is out of range");
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
