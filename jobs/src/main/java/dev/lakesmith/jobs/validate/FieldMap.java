package dev.lakesmith.jobs.validate;

import dev.lakesmith.core.BadValueException;
import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.ColumnType;
import dev.lakesmith.jobs.record.RawRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Fills {@link ColumnType#DOUBLE_MAP} columns: the record's top-level fields that match the
 * column's regex and that no other column reads, keyed by {@link SafeName}, empty values left out.
 * A wide export lands as one {@code map<string,double>} column, so files with different result
 * columns share one table schema. Values that are not numbers go to the column's text-column when
 * it has one (the number is then null), else they reject the record.
 */
final class FieldMap {
  private final Set<String> claimed = new HashSet<>();
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  FieldMap(List<ColumnSpec> columns) {
    for (ColumnSpec column : columns) {
      if (column.type() != ColumnType.DOUBLE_MAP) {
        claimed.addAll(column.topLevelFields());
      }
    }
  }

  /** A double-map's values and, for its text-column, the fields that were not numbers. */
  record Collected(Map<String, Double> numbers, Map<String, String> texts) {}

  Collected collect(ColumnSpec column, RawRecord record) {
    Pattern match = patterns.computeIfAbsent(column.name(), n -> Pattern.compile(column.match()));
    Map<String, Double> values = new TreeMap<>();
    Map<String, String> origin = new TreeMap<>();
    Map<String, String> texts = new TreeMap<>();
    for (String field : record.fieldNames()) {
      if (claimed.contains(field) || !match.matcher(field).matches()) {
        continue;
      }
      Object raw = record.value(List.of(field));
      if (raw == null || (raw instanceof String s && s.isBlank())) {
        continue;
      }
      String key = SafeName.of(field);
      String previous = origin.putIfAbsent(key, field);
      if (previous != null) {
        throw new BadValueException(
            new QuarantineReason(
                    "field names collide (column " + column.name() + ")",
                    "fields '"
                        + previous
                        + "' and '"
                        + field
                        + "' both become key '"
                        + key
                        + "'; rename one at the source or narrow `match`")
                .text());
      }
      try {
        values.put(key, RowBuilder.toDouble(column, raw));
      } catch (BadValueException e) {
        if (column.textColumn() == null) {
          throw new BadValueException(
              e.getMessage() + " in field '" + field + "'; set text-column to keep such values");
        }
        values.put(key, null);
        texts.put(key, raw.toString());
      }
    }
    return new Collected(values, texts);
  }
}
