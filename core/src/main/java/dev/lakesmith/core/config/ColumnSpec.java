package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.time.DstOverlap;
import dev.lakesmith.core.time.EpochUnit;
import dev.lakesmith.core.time.TimestampParser;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One curated column: where its value sits in a raw record and how to read it.
 *
 * @param path dot-separated location in the raw record (JSON object path or CSV header)
 * @param formats java.time patterns tried in order for string timestamps; a pattern with an offset
 *     (X, x, Z) honours it, one without reads the wall-clock time in {@code zone}
 * @param zone zone of naive timestamps (defaults to the dataset's source-zone)
 * @param epochUnit unit of numeric timestamps; null means numbers are rejected
 * @param joined further paths whose values are appended to {@code path}'s, separated by a space (a
 *     date and a time kept in two fields); empty for a single path
 * @param zoneFrom zone of naive timestamps chosen by another column's value; null uses {@code zone}
 * @param match for {@link ColumnType#DOUBLE_MAP}: regex over field names the map collects
 * @param textColumn for {@link ColumnType#DOUBLE_MAP}: the {@link ColumnType#STRING_MAP} column
 *     that keeps fields whose value is not a number (the number is then null); null quarantines
 *     such records
 * @param opaque values kept as they are and never filtered on (a JSON payload, a hash): written
 *     without a Parquet dictionary or min/max statistics, which cost write time and buy nothing for
 *     values that are all different
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    boolean required,
    List<String> path,
    List<String> formats,
    ZoneId zone,
    EpochUnit epochUnit,
    List<List<String>> joined,
    ZoneFrom zoneFrom,
    String match,
    String textColumn,
    boolean opaque)
    implements Serializable {

  /** The top-level fields this column reads: the first step of its path and of each joined one. */
  public List<String> topLevelFields() {
    List<String> fields = new ArrayList<>();
    fields.add(path.get(0));
    joined.forEach(part -> fields.add(part.get(0)));
    return fields;
  }

  public ColumnSpec {
    Names.identifier(name, "column name");
    if (type == null) {
      throw JobFailure.config("column '" + name + "': missing type");
    }
    path = List.copyOf(path);
    formats = List.copyOf(formats);
    joined = joined.stream().map(List::copyOf).toList();
    if (path.isEmpty()) {
      throw JobFailure.config("column '" + name + "': empty path; omit `path` to use the name");
    }
    if (type == ColumnType.TIMESTAMP && formats.isEmpty() && epochUnit == null) {
      throw JobFailure.config(
          "column '"
              + name
              + "' is a timestamp without `formats` or `epoch-unit`;"
              + " add e.g. formats = [\"uuuu-MM-dd HH:mm:ss.SSS\"]");
    }
    for (String format : formats) {
      try {
        TimestampParser.formatter(format);
      } catch (IllegalArgumentException e) {
        throw JobFailure.config("column '" + name + "': " + e.getMessage());
      }
    }
    if (zoneFrom != null && type != ColumnType.TIMESTAMP) {
      throw JobFailure.config("column '" + name + "': zone-from applies to timestamp columns only");
    }
    if (type == ColumnType.DOUBLE_MAP) {
      match = match == null ? ".*" : match;
      try {
        Pattern.compile(match);
      } catch (PatternSyntaxException e) {
        throw JobFailure.config(
            "column '" + name + "': match '" + match + "' is not a regex: " + e.getDescription());
      }
    } else if (match != null || textColumn != null) {
      throw JobFailure.config(
          "column '"
              + name
              + "': `"
              + (match != null ? "match" : "text-column")
              + "` applies to double-map columns only; remove it");
    }
  }

  public ColumnSpec(
      String name,
      ColumnType type,
      boolean required,
      List<String> path,
      List<String> formats,
      ZoneId zone,
      EpochUnit epochUnit) {
    this(name, type, required, path, formats, zone, epochUnit, List.of(), null, null, null, false);
  }

  public Optional<EpochUnit> epoch() {
    return Optional.ofNullable(epochUnit);
  }

  /** The parser of this timestamp column's values. */
  public TimestampParser timestampParser(DstOverlap overlap) {
    return new TimestampParser(name, formats, zone, epoch(), overlap);
  }

  public String pathString() {
    return String.join(".", path);
  }
}
