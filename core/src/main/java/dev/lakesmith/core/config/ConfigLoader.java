package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.lakesmith.core.JobFailure;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads conf/ (embedded in the jar under {@code lakesmith-conf/}), then files given by the user,
 * then {@code --conf key=value} overrides; substitutions resolve after all layers are stacked, so
 * overriding {@code lakesmith.input-root} moves every dataset's input.
 *
 * <p>Loading is where every mistake surfaces, before Spark starts or AWS is called: a key no code
 * reads is an error naming where it was set and the nearest known key ({@link ConfigSchema}), and
 * every block (each dataset, gaps, catalog, publish, read, write, quarantine) is parsed and
 * checked, so a run of one dataset also fails on a broken block of another.
 */
public final class ConfigLoader {
  public static final String EMBEDDED = "lakesmith-conf/lakesmith.conf";

  private ConfigLoader() {}

  public static LakesmithConfig load(List<File> files, List<String> overrides) {
    return fromConfig(resolve(files, overrides));
  }

  /** The layered configuration, every key checked against the schema of the embedded defaults. */
  public static Config resolve(List<File> files, List<String> overrides) {
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    Config embedded = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), EMBEDDED);
    if (!embedded.hasPath("lakesmith")) {
      throw JobFailure.config("embedded configuration " + EMBEDDED + " is missing from the jar");
    }
    Config base = embedded;
    for (File file : files) {
      try {
        base = ConfigFactory.parseFile(file, strict).withFallback(base);
      } catch (ConfigException e) {
        throw JobFailure.config("cannot read conf file " + file + ": " + e.getMessage());
      }
    }
    Config resolved;
    ConfigSchema schema;
    try {
      schema = ConfigSchema.of(embedded.resolve());
      resolved = overrides(overrides, schema).withFallback(base).resolve();
    } catch (ConfigException e) {
      throw JobFailure.config("configuration does not resolve: " + e.getMessage());
    }
    schema
        .firstUnknown(resolved)
        .ifPresent(
            problem -> {
              throw JobFailure.config(problem);
            });
    return resolved;
  }

  /** An open map of settings (e.g. Spark's), every value as its text. */
  public static Map<String, String> strings(ConfigObject block) {
    Map<String, String> values = new LinkedHashMap<>();
    block.forEach((key, value) -> values.put(key, String.valueOf(value.unwrapped())));
    return values;
  }

  public static LakesmithConfig fromConfig(Config config) {
    LakesmithConfig result;
    try {
      Config root = config.getConfig("lakesmith");
      Map<String, String> spark = strings(root.getObject("spark"));
      Map<String, DatasetConfig> datasets = new TreeMap<>();
      for (String name : new TreeSet<>(root.getObject("datasets").keySet())) {
        datasets.put(
            name,
            DatasetConfigParser.parse(name, root.getConfig(ConfigUtil.joinPath("datasets", name))));
      }
      result =
          new LakesmithConfig(
              root.getString("output"),
              new ReadSettings(
                  root.getBytes("read.target-split-bytes"),
                  root.getInt("read.min-splits-per-core"),
                  ReadSettings.maxRecordBytes(root.getBytes("read.max-record-bytes")),
                  root.getInt("read.max-csv-field-chars")),
              new WriteSettings(
                  root.getString("write.compression"),
                  root.getLong("write.max-records-per-file"),
                  root.getBytes("write.row-group-size")),
              QuarantineSettings.parse(root.getString("quarantine.file-mode")),
              spark,
              datasets,
              config);
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
    // Blocks read by later steps, checked now so their mistakes cost no run.
    result.datasets().values().forEach(dataset -> GapSpec.of(result, dataset));
    CatalogSettings.from(config);
    PublishSettings.from(config);
    return result;
  }

  /**
   * {@code key=value} pairs; keys starting with {@code spark.} are Spark settings, all others must
   * name a key of the schema (an existing setting or a new entry of an open map such as {@code
   * zone-from.zones}), so a typo fails instead of being ignored.
   */
  static Config overrides(List<String> pairs, ConfigSchema schema) {
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
        List<String> elements;
        try {
          elements = ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
          throw JobFailure.config(
              "--conf key '" + key + "' is not a configuration key: " + e.getMessage());
        }
        schema
            .unknownPath(elements)
            .ifPresent(
                problem -> {
                  throw JobFailure.config("--conf key " + problem);
                });
      }
      result = result.withValue(path, value(value, "--conf " + key)).withFallback(result);
    }
    return result;
  }

  private static ConfigValue value(String raw, String origin) {
    String trimmed = raw.trim();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      try {
        return ConfigFactory.parseString(
                "v = " + trimmed, ConfigParseOptions.defaults().setOriginDescription(origin))
            .getValue("v");
      } catch (ConfigException e) {
        throw JobFailure.config("--conf value '" + raw + "' is not valid HOCON: " + e.getMessage());
      }
    }
    // Strings convert on read: getInt("7"), getBoolean("true"), getDuration("2d") all work.
    return ConfigValueFactory.fromAnyRef(raw, origin);
  }
}
