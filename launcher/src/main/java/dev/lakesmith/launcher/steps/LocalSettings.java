package dev.lakesmith.launcher.steps;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import java.util.List;

/** The {@code lakesmith.local} block: how Spark runs on this machine. */
public record LocalSettings(
    String master, String driverMemory, List<String> javaOptions, boolean classDataSharing) {
  public LocalSettings {
    javaOptions = List.copyOf(javaOptions);
    if (master == null || !master.startsWith("local")) {
      throw JobFailure.config(
          "lakesmith.local.master '" + master + "' is not a local master; use e.g. local[2]");
    }
    if (driverMemory == null || !driverMemory.matches("[0-9]+[kmgtKMGT]?")) {
      throw JobFailure.config(
          "lakesmith.local.driver-memory '"
              + driverMemory
              + "' is not a JVM heap size; use e.g. 4g");
    }
  }

  public LocalSettings(String master, String driverMemory, List<String> javaOptions) {
    this(master, driverMemory, javaOptions, false);
  }

  public static LocalSettings from(Config config) {
    try {
      Config local = config.getConfig("lakesmith.local");
      return new LocalSettings(
          local.getString("master"),
          local.getString("driver-memory"),
          local.getStringList("java-options"),
          local.getBoolean("class-data-sharing"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error in lakesmith.local: " + e.getMessage());
    }
  }
}
