package dev.lakesmith.jobs.time;

import dev.lakesmith.jobs.config.ColumnSpec;
import dev.lakesmith.jobs.config.DstOverlap;
import dev.lakesmith.jobs.config.EpochUnit;
import dev.lakesmith.jobs.validate.BadValueException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
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
 */
public final class TimestampParser {
  /** {@code .S…} in a pattern means "an optional fraction of 0 to 9 digits". */
  private static final Pattern FRACTION = Pattern.compile("\\[?\\.S+]?");

  private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final String column;
  private final List<DateTimeFormatter> formatters;
  private final List<String> patterns;
  private final ZoneId zone;
  private final DstOverlap overlap;
  private final Optional<EpochUnit> epochUnit;

  public TimestampParser(ColumnSpec spec, DstOverlap overlap) {
    this.column = spec.name();
    this.patterns = spec.formats();
    this.formatters = spec.formats().stream().map(TimestampParser::formatter).toList();
    this.zone = spec.zone();
    this.overlap = overlap;
    this.epochUnit = spec.epoch();
  }

  static DateTimeFormatter formatter(String pattern) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    Matcher fraction = FRACTION.matcher(pattern);
    int start = 0;
    while (fraction.find()) {
      appendPattern(builder, pattern.substring(start, fraction.start()));
      builder.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd();
      start = fraction.end();
    }
    appendPattern(builder, pattern.substring(start));
    try {
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
    if (value instanceof Number number) {
      return fromEpoch(new BigDecimal(number.toString()), value);
    }
    String text = value.toString().trim();
    if (epochUnit.isPresent() && NUMERIC.matcher(text).matches()) {
      return fromEpoch(new BigDecimal(text), value);
    }
    for (DateTimeFormatter formatter : formatters) {
      try {
        TemporalAccessor parsed =
            formatter.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offsetTime) {
          return offsetTime.toInstant();
        }
        return inZone((LocalDateTime) parsed, naiveZone);
      } catch (DateTimeParseException e) {
        // try the next format
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

  public Instant inZone(LocalDateTime local) {
    return inZone(local, zone);
  }

  private Instant inZone(LocalDateTime local, ZoneId naiveZone) {
    ZonedDateTime zoned = ZonedDateTime.ofLocal(local, naiveZone, null);
    return (overlap == DstOverlap.LATER ? zoned.withLaterOffsetAtOverlap() : zoned).toInstant();
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
