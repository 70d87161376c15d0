package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One curated column: where its value sits in a raw record and how to read it.
 *
 * @param path dot-separated location in the raw record (JSON object path or CSV header)
 * @param formats java.time patterns tried in order for string timestamps; a pattern with an offset
 *     (X, x, Z) honours it, one without reads the wall-clock time in {@code zone}
 * @param zone zone of naive timestamps (defaults to the dataset's source-zone)
 * @param epochUnit unit of numeric timestamps; null means numbers are rejected
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    boolean required,
    List<String> path,
    List<String> formats,
    ZoneId zone,
    EpochUnit epochUnit)
    implements Serializable {

  public ColumnSpec {
    Names.identifier(name, "column name");
    if (type == null) {
      throw JobFailure.config("column '" + name + "': missing type");
    }
    path = List.copyOf(path);
    formats = List.copyOf(formats);
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
  }

  public Optional<EpochUnit> epoch() {
    return Optional.ofNullable(epochUnit);
  }

  public String pathString() {
    return String.join(".", path);
  }
}
