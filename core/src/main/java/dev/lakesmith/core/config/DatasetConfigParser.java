package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.time.DstOverlap;
import dev.lakesmith.core.time.EpochUnit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one `lakesmith.datasets.<name>` block into a {@link DatasetConfig}. Messages name the full
 * key ({@code lakesmith.datasets.events.dst-overlap}), so the user can find the line to fix.
 */
final class DatasetConfigParser {
  private DatasetConfigParser() {}

  static DatasetConfig parse(String name, Config block) {
    String prefix = "lakesmith.datasets." + name + ".";
    try {
      ZoneId sourceZone = Names.zone(block.getString("source-zone"), prefix + "source-zone");
      ZoneFrom datasetZoneFrom =
          block.hasPath("zone-from") ? zoneFrom(block.getConfig("zone-from"), prefix) : null;
      List<ColumnSpec> columns =
          block.getConfigList("columns").stream()
              .map(c -> column(c, sourceZone, datasetZoneFrom, prefix + "columns"))
              .toList();
      return new DatasetConfig(
          name,
          block.getString("table"),
          block.getString("input"),
          source(block.getConfig("source"), prefix + "source"),
          columns,
          block.getString("event-time"),
          block.getString("event-date-column"),
          Names.zone(block.getString("partition-zone"), prefix + "partition-zone"),
          block.getStringList("partition-by"),
          block.getString("partition-value-pattern"),
          new DedupeSpec(
              block.getStringList("dedupe.key"),
              block.getStringList("dedupe.prefer-max"),
              ConfigEnums.parse(
                  DedupeSpec.Keep.class, block.getString("dedupe.keep"), prefix + "dedupe.keep")),
          ConfigEnums.parse(
              DstOverlap.class, block.getString("dst-overlap"), prefix + "dst-overlap"),
          block.getDouble("max-bad-fraction"),
          instant(block.getString("valid-from"), prefix + "valid-from"),
          block.getDuration("valid-until-ahead"),
          ConfigEnums.parse(
              QuarantineRaw.class, block.getString("quarantine.raw"), prefix + "quarantine.raw"),
          ConfigEnums.parse(
              UnmatchedFiles.class, block.getString("unmatched-files"), prefix + "unmatched-files"),
          ConfigEnums.parse(
              TableFormat.class, block.getString("table-format"), prefix + "table-format"));
    } catch (ConfigException e) {
      throw JobFailure.config("dataset '" + name + "': " + e.getMessage());
    }
  }

  private static SourceSpec source(Config source, String where) {
    Map<String, String> byExtension = new LinkedHashMap<>();
    if (source.hasPath("format-by-extension")) {
      Config config = source.getConfig("format-by-extension");
      config.root().keySet().forEach(ext -> byExtension.put(ext, config.getString(ext)));
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> preambleKeys = List.of();
    String records = null;
    if (source.hasPath("options")) {
      Config config = source.getConfig("options");
      SourceSpec.checkOptions(
          source.getString("format"),
          byExtension.values(),
          config.root().keySet(),
          where + ".options");
      for (Map.Entry<String, ConfigValue> e : config.root().entrySet()) {
        switch (e.getKey()) {
          case SourceSpec.PREAMBLE_KEYS -> preambleKeys = config.getStringList(e.getKey());
          case SourceSpec.RECORDS -> records = config.getString(e.getKey());
          default -> options.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
      }
    }
    List<PathValue> pathValues = new ArrayList<>();
    if (source.hasPath("path-values")) {
      Config config = source.getConfig("path-values");
      for (String key : config.root().keySet()) {
        if (config.getValue(key).valueType() == ConfigValueType.OBJECT) {
          Config value = config.getConfig(key);
          pathValues.add(new PathValue(key, value.getString("regex"), value.getString("template")));
        } else {
          pathValues.add(new PathValue(key, config.getString(key), "$1"));
        }
      }
    }
    SourceSpec spec =
        new SourceSpec(
            source.getString("format"),
            source.getString("path"),
            options,
            byExtension,
            pathValues,
            preambleKeys,
            records);
    // Read when the reader starts; checked now so a bad one costs no run.
    for (String option : List.of(SourceSpec.DELIMITER, SourceSpec.QUOTE)) {
      spec.character(option, ' ', where + ".options." + option);
    }
    spec.encoding(where + ".options." + SourceSpec.ENCODING);
    return spec;
  }

  private static ColumnSpec column(
      Config c, ZoneId datasetZone, ZoneFrom datasetZoneFrom, String where) {
    String name = c.getString("name");
    String columnWhere = where + " '" + name + "'";
    try {
      return column(c, name, columnWhere, datasetZone, datasetZoneFrom);
    } catch (JobFailure e) {
      throw e.getMessage().startsWith("lakesmith.")
          ? e
          : JobFailure.config(where + ": " + e.getMessage());
    }
  }

  private static ColumnSpec column(
      Config c, String name, String columnWhere, ZoneId datasetZone, ZoneFrom datasetZoneFrom) {
    ZoneId zone =
        c.hasPath("zone") ? Names.zone(c.getString("zone"), columnWhere + " zone") : datasetZone;
    ColumnType type =
        ConfigEnums.parse(
            ColumnType.class,
            c.hasPath("type") ? c.getString("type") : "string",
            columnWhere + " type");
    List<List<String>> paths =
        (c.hasPath("join")
                ? c.getStringList("join")
                : List.of(c.hasPath("path") ? c.getString("path") : name))
            .stream().map(p -> List.of(p.split("\\."))).toList();
    return new ColumnSpec(
        name,
        type,
        c.hasPath("required") && c.getBoolean("required"),
        paths.get(0),
        c.hasPath("formats") ? c.getStringList("formats") : List.of(),
        zone,
        c.hasPath("epoch-unit")
            ? ConfigEnums.parse(
                EpochUnit.class, c.getString("epoch-unit"), columnWhere + " epoch-unit")
            : null,
        paths.subList(1, paths.size()),
        zoneFrom(c, type, datasetZoneFrom, columnWhere),
        c.hasPath("match") ? c.getString("match") : null,
        c.hasPath("text-column") ? c.getString("text-column") : null,
        c.hasPath("opaque") && c.getBoolean("opaque"));
  }

  /** A column's own zone-from, else the dataset's for timestamps without their own zone. */
  private static ZoneFrom zoneFrom(
      Config c, ColumnType type, ZoneFrom datasetZoneFrom, String where) {
    if (c.hasPath("zone-from")) {
      return zoneFrom(c.getConfig("zone-from"), where + " ");
    }
    return type == ColumnType.TIMESTAMP && !c.hasPath("zone") ? datasetZoneFrom : null;
  }

  private static ZoneFrom zoneFrom(Config c, String where) {
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    if (c.hasPath("zones")) {
      Config config = c.getConfig("zones");
      for (String value : config.root().keySet()) {
        zones.put(
            value,
            Names.zone(
                config.getString(ConfigUtil.joinPath(value)), where + "zone-from.zones." + value));
      }
    }
    return new ZoneFrom(
        c.getString("column"),
        zones,
        c.hasPath("default")
            ? Names.zone(c.getString("default"), where + "zone-from.default")
            : null);
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
