package dev.lakesmith.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.jobs.JobFailure;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one `lakesmith.datasets.<name>` block into a {@link DatasetConfig}. */
final class DatasetConfigParser {
  private DatasetConfigParser() {}

  static DatasetConfig parse(String name, Config block) {
    String prefix = "lakesmith.datasets." + name + ".";
    try {
      ZoneId sourceZone = Names.zone(block.getString("source-zone"), prefix + "source-zone");
      List<ColumnSpec> columns =
          block.getConfigList("columns").stream()
              .map(c -> column(c, sourceZone, prefix + "columns"))
              .toList();
      Config source = block.getConfig("source");
      Map<String, String> options = new LinkedHashMap<>();
      if (source.hasPath("options")) {
        source
            .getConfig("options")
            .entrySet()
            .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
      }
      return new DatasetConfig(
          name,
          block.getString("table"),
          block.getString("input"),
          new SourceSpec(source.getString("format"), source.getString("path"), options),
          columns,
          block.getString("event-time"),
          block.hasPath("event-date-column") ? block.getString("event-date-column") : "d",
          Names.zone(block.getString("partition-zone"), prefix + "partition-zone"),
          block.getStringList("partition-by"),
          block.getString("partition-value-pattern"),
          new DedupeSpec(
              block.getStringList("dedupe.key"),
              block.getStringList("dedupe.prefer-max"),
              DedupeSpec.Keep.parse(block.getString("dedupe.keep"), prefix + "dedupe.keep")),
          DstOverlap.parse(block.getString("dst-overlap"), prefix + "dst-overlap"),
          block.getDouble("max-bad-fraction"),
          instant(block.getString("valid-from"), prefix + "valid-from"),
          block.getDuration("valid-until-ahead"));
    } catch (ConfigException e) {
      throw JobFailure.config("dataset '" + name + "': " + e.getMessage());
    }
  }

  private static ColumnSpec column(Config c, ZoneId datasetZone, String where) {
    String name = c.getString("name");
    String columnWhere = where + " '" + name + "'";
    ZoneId zone =
        c.hasPath("zone") ? Names.zone(c.getString("zone"), columnWhere + " zone") : datasetZone;
    return new ColumnSpec(
        name,
        ColumnType.parse(c.hasPath("type") ? c.getString("type") : "string", columnWhere),
        c.hasPath("required") && c.getBoolean("required"),
        List.of((c.hasPath("path") ? c.getString("path") : name).split("\\.")),
        c.hasPath("formats") ? c.getStringList("formats") : List.of(),
        zone,
        c.hasPath("epoch-unit") ? EpochUnit.parse(c.getString("epoch-unit"), columnWhere) : null);
  }

  private static Instant instant(String value, String where) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw JobFailure.config(
          where + " '" + value + "' is not an ISO instant; use e.g. 1990-01-01T00:00:00Z");
    }
  }
}
