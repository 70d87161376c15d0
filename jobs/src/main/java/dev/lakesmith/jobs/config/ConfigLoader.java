package dev.lakesmith.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.lakesmith.jobs.JobFailure;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads conf/ (embedded in the jar under {@code lakesmith-conf/}), then files given by the user,
 * then {@code --conf key=value} overrides; substitutions resolve after all layers are stacked, so
 * overriding {@code lakesmith.input-root} moves every dataset's input.
 */
public final class ConfigLoader {
  public static final String EMBEDDED = "lakesmith-conf/lakesmith.conf";

  private ConfigLoader() {}

  public static LakesmithConfig load(List<File> files, List<String> overrides) {
    return fromConfig(resolve(files, overrides));
  }

  public static Config resolve(List<File> files, List<String> overrides) {
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    Config base = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), EMBEDDED);
    if (!base.hasPath("lakesmith")) {
      throw JobFailure.config("embedded configuration " + EMBEDDED + " is missing from the jar");
    }
    for (File file : files) {
      try {
        base = ConfigFactory.parseFile(file, strict).withFallback(base);
      } catch (ConfigException e) {
        throw JobFailure.config("cannot read conf file " + file + ": " + e.getMessage());
      }
    }
    try {
      Config known = base.resolve();
      return overrides(overrides, known).withFallback(base).resolve();
    } catch (ConfigException e) {
      throw JobFailure.config("configuration does not resolve: " + e.getMessage());
    }
  }

  public static LakesmithConfig fromConfig(Config config) {
    try {
      Config root = config.getConfig("lakesmith");
      Map<String, String> spark = new LinkedHashMap<>();
      root.getObject("spark")
          .forEach((key, value) -> spark.put(key, String.valueOf(value.unwrapped())));
      return new LakesmithConfig(
          root.getString("output"),
          new ReadSettings(
              root.getBytes("read.target-split-bytes"),
              root.getInt("read.min-splits-per-core"),
              ReadSettings.maxRecordBytes(root.getBytes("read.max-record-bytes"))),
          new WriteSettings(
              root.getString("write.compression"), root.getLong("write.max-records-per-file")),
          QuarantineSettings.parse(root.getString("quarantine.file-mode")),
          spark,
          config);
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
  }

  /**
   * Settings whose entries are free-form names (a hospital's zone, a reader option, a tag), so
   * {@code --conf} may add entries to them; {@code *} stands for one path element.
   */
  static final List<List<String>> MAP_SETTINGS =
      Stream.of(
              "lakesmith.spark",
              "lakesmith.datasets.*.zone-from.zones",
              "lakesmith.datasets.*.source.options",
              "lakesmith.datasets.*.source.format-by-extension",
              "lakesmith.datasets.*.source.path-values",
              "lakesmith.emr.tags",
              "lakesmith.emr.configurations.*")
          .map(pattern -> List.of(pattern.split("\\.")))
          .toList();

  /**
   * {@code key=value} pairs; keys starting with {@code spark.} are Spark settings, all others must
   * name an existing key or a new entry of a map-valued setting ({@link #MAP_SETTINGS}), so a typo
   * fails instead of being ignored.
   */
  static Config overrides(List<String> pairs, Config known) {
    Config result = ConfigFactory.empty();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw JobFailure.config(
            "--conf '" + pair + "' is not key=value; use e.g. --conf lakesmith.output=/tmp/out");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1);
      String path;
      if (key.startsWith("spark.")) {
        path = "lakesmith.spark." + ConfigValueFactory.fromAnyRef(key).render();
      } else {
        path = key;
        if (!key.startsWith("lakesmith.") || !(known.hasPathOrNull(key) || mapEntry(key, known))) {
          throw JobFailure.config(
              "--conf key '"
                  + key
                  + "' is not a configuration key; see conf/lakesmith.conf (keys start with"
                  + " 'lakesmith.', Spark settings with 'spark.'; new entries only in map-valued"
                  + " settings such as zone-from.zones)");
        }
      }
      result = result.withValue(path, value(value)).withFallback(result);
    }
    return result;
  }

  /** {@code key} is a new entry of an existing map-valued setting. */
  private static boolean mapEntry(String key, Config known) {
    List<String> path;
    try {
      path = ConfigUtil.splitPath(key);
    } catch (ConfigException e) {
      return false;
    }
    List<String> parent = path.subList(0, path.size() - 1);
    String parentPath = ConfigUtil.joinPath(parent);
    if (parent.isEmpty()
        || !known.hasPath(parentPath)
        || known.getValue(parentPath).valueType() != ConfigValueType.OBJECT) {
      return false;
    }
    return MAP_SETTINGS.stream().anyMatch(pattern -> matches(pattern, parent));
  }

  private static boolean matches(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < path.size(); i++) {
      if (!pattern.get(i).equals("*") && !pattern.get(i).equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static ConfigValue value(String raw) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        return ConfigFactory.parseString("v = " + trimmed).getValue("v");
      } catch (ConfigException e) {
        throw JobFailure.config("--conf value '" + raw + "' is not valid HOCON: " + e.getMessage());
      }
    }
    // Strings convert on read: getInt("7"), getBoolean("true"), getDuration("2d") all work.
    return ConfigValueFactory.fromAnyRef(raw);
  }
}
