package dev.lakesmith.jobs.validate;

import dev.lakesmith.core.BadValueException;
import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.ColumnType;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.time.TimestampParser;
import dev.lakesmith.jobs.record.NumberText;
import dev.lakesmith.jobs.record.RawRecord;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one raw record against the dataset's declared columns and produces the typed curated
 * values plus the event-date partition value, or a {@link BadValueException} naming what is wrong.
 */
public final class RowBuilder implements Serializable {
  private static final int MAX_REMEMBERED_VALUES = 10_000;
  private static final int MAX_PLAIN_SCALE = 100;
  private final DatasetConfig dataset;
  private final Instant validUntil;
  private final int eventTimeIndex;
  private final int[] valuePartitionIndexes;
  private transient TimestampParser[] parsers;
  private transient Pattern partitionValue;
  private transient FieldMap fieldMap;
  private transient Set<String> allowedValues;
  private transient volatile DateText lastDate;

  public RowBuilder(DatasetConfig dataset, Instant runStart) {
    this.dataset = dataset;
    this.validUntil = runStart.plus(dataset.validUntilAhead());
    List<String> names = dataset.columns().stream().map(ColumnSpec::name).toList();
    this.eventTimeIndex = names.indexOf(dataset.eventTime());
    this.valuePartitionIndexes =
        dataset.valuePartitionColumns().stream().mapToInt(names::indexOf).toArray();
  }

  /** Curated column values in declaration order, followed by the event date (yyyy-MM-dd). */
  public Object[] build(RawRecord record) {
    if (parsers == null) {
      partitionValue = Pattern.compile(dataset.partitionValuePattern());
      allowedValues = ConcurrentHashMap.newKeySet();
      fieldMap = new FieldMap(dataset.columns());
      parsers =
          dataset.columns().stream()
              .map(
                  c ->
                      c.type() == ColumnType.TIMESTAMP
                          ? c.timestampParser(dataset.dstOverlap())
                          : null)
              .toArray(TimestampParser[]::new);
    }
    List<ColumnSpec> columns = dataset.columns();
    Object[] values = new Object[columns.size() + 1];
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      if (column.type() == ColumnType.DOUBLE_MAP) {
        FieldMap.Collected collected = fieldMap.collect(column, record);
        values[i] = scala.jdk.javaapi.CollectionConverters.asScala(collected.numbers());
        if (column.textColumn() != null) {
          values[columns.indexOf(dataset.column(column.textColumn()))] =
              scala.jdk.javaapi.CollectionConverters.asScala(collected.texts());
        }
        continue;
      }
      if (column.type() == ColumnType.STRING_MAP) {
        continue; // filled by the double-map naming it as text-column
      }
      Object raw = joined(record, column);
      if (raw == null) {
        if (column.required()) {
          throw new BadValueException(
              new QuarantineReason(
                      "missing required field '"
                          + column.pathString()
                          + "' (column "
                          + column.name()
                          + ")",
                      record.whyMissing(column.path()).orElse(""))
                  .text());
        }
        continue;
      }
      values[i] =
          column.type() == ColumnType.TIMESTAMP
              ? toInstant(column, raw, parsers[i], zone(column, record))
              : convert(column, raw);
    }
    for (int index : valuePartitionIndexes) {
      String value = String.valueOf(values[index]);
      if (values[index] == null || !allowedPartitionValue(value)) {
        throw new BadValueException(
            new QuarantineReason(
                    "partition value not allowed (column " + columns.get(index).name() + ")",
                    QuarantineReason.quote(value)
                        + " cannot name a partition directory (allowed: "
                        + dataset.partitionValuePattern()
                        + ", never empty, '.', '..' or with / \\ = or control characters)")
                .text());
      }
    }
    Instant eventTime = (Instant) values[eventTimeIndex];
    if (eventTime == null) {
      throw new BadValueException(
          QuarantineReason.of("missing event time " + dataset.eventTime()).text());
    }
    values[columns.size()] = eventDate(eventTime);
    return values;
  }

  /** Partition values repeat (event names, devices), so each distinct one is matched once. */
  private boolean allowedPartitionValue(String value) {
    if (allowedValues.contains(value)) {
      return true;
    }
    if (!PartitionValues.safe(value) || !partitionValue.matcher(value).matches()) {
      return false;
    }
    if (allowedValues.size() < MAX_REMEMBERED_VALUES) {
      allowedValues.add(value);
    }
    return true;
  }

  private String eventDate(Instant eventTime) {
    LocalDate date = LocalDate.ofInstant(eventTime, dataset.partitionZone());
    DateText last = lastDate;
    if (last == null || !last.date().equals(date)) {
      last = new DateText(date, date.toString());
      lastDate = last;
    }
    return last.text();
  }

  private record DateText(LocalDate date, String text) {}

  /** The value at the column's path, with the values of its joined paths appended. */
  private static Object joined(RawRecord record, ColumnSpec column) {
    Object raw = present(record.value(column.path()));
    if (column.joined().isEmpty()) {
      return raw;
    }
    StringBuilder text = new StringBuilder(raw == null ? "" : raw.toString());
    for (List<String> path : column.joined()) {
      Object part = present(record.value(path));
      if (part != null) {
        text.append(text.isEmpty() ? "" : " ").append(part);
      }
    }
    return raw == null ? null : text.toString();
  }

  private static Object present(Object raw) {
    return raw == null || (raw instanceof String s && s.isEmpty()) ? null : raw;
  }

  private ZoneId zone(ColumnSpec column, RawRecord record) {
    if (column.zoneFrom() == null) {
      return column.zone();
    }
    ColumnSpec selector = dataset.column(column.zoneFrom().column());
    Object value = present(record.value(selector.path()));
    String key = value == null ? null : value.toString();
    return column
        .zoneFrom()
        .zoneFor(key)
        .orElseThrow(
            () ->
                new BadValueException(
                    new QuarantineReason(
                            "no zone for " + selector.name() + " (column " + column.name() + ")",
                            QuarantineReason.quote(key)
                                + "; add it to zone-from.zones (or set zone-from.default)")
                        .text()));
  }

  private static Object convert(ColumnSpec column, Object raw) {
    return switch (column.type()) {
      case STRING -> raw instanceof BigDecimal d ? text(d) : raw.toString();
      case LONG -> toLong(column, raw);
      case DOUBLE -> toDouble(column, raw);
      case BOOLEAN -> toBoolean(column, raw);
      case TIMESTAMP, DOUBLE_MAP, STRING_MAP ->
          throw new IllegalStateException(column.type() + " is converted elsewhere");
    };
  }

  private Instant toInstant(ColumnSpec column, Object raw, TimestampParser parser, ZoneId zone) {
    if (raw instanceof RawRecord.Nested || raw instanceof Boolean) {
      throw wrongType(column, raw, "a timestamp string or number");
    }
    Instant instant;
    try {
      instant = parser.parse(raw, zone);
    } catch (BadValueException e) {
      String prefix = "column '" + column.name() + "': ";
      String detail = e.getMessage();
      throw new BadValueException(
          new QuarantineReason(
                  "not a timestamp (column " + column.name() + ")",
                  detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail)
              .text());
    }
    if (instant.isBefore(dataset.validFrom()) || instant.isAfter(validUntil)) {
      throw new BadValueException(
          new QuarantineReason(
                  "timestamp outside the valid range (column " + column.name() + ")",
                  QuarantineReason.quote(raw)
                      + " is "
                      + instant
                      + ", outside ["
                      + dataset.validFrom()
                      + ", "
                      + validUntil
                      + "]; widen valid-from/valid-until-ahead if such times are real")
              .text());
    }
    return instant;
  }

  private static Long toLong(ColumnSpec column, Object raw) {
    try {
      if (raw instanceof Long l) {
        return l;
      }
      if (raw instanceof BigInteger
          || raw instanceof BigDecimal
          || raw instanceof NumberText
          || raw instanceof String) {
        return new BigDecimal(raw.toString().trim()).longValueExact();
      }
      if (raw instanceof Number n) {
        return BigDecimal.valueOf(n.doubleValue()).longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // fall through to the type error
    }
    throw wrongType(column, raw, "a whole number");
  }

  static Double toDouble(ColumnSpec column, Object raw) {
    double value = Double.NaN;
    if (raw instanceof Number n) {
      value = n.doubleValue();
    } else if (raw instanceof String s) {
      try {
        value = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // stays NaN: the type error below
      }
    }
    if (!Double.isFinite(value)) {
      throw wrongType(column, raw, "a finite number");
    }
    return value;
  }

  private static Boolean toBoolean(ColumnSpec column, Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw wrongType(column, raw, "true or false");
  }

  static BadValueException wrongType(ColumnSpec column, Object raw, String expected) {
    return new BadValueException(
        new QuarantineReason(
                "not " + expected + " (column " + column.name() + ")",
                "got " + QuarantineReason.quote(raw))
            .text());
  }

  /**
   * A decimal as plain digits when that stays short, else in scientific form: the plain form of
   * {@code 1E+999999999} would be a billion characters.
   */
  private static String text(BigDecimal decimal) {
    return Math.abs((long) decimal.scale()) <= MAX_PLAIN_SCALE
        ? decimal.toPlainString()
        : decimal.toString();
  }
}
