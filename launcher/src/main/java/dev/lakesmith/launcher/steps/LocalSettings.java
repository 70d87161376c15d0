package dev.lakesmith.launcher.steps;

import com.typesafe.config.Config;
import java.util.List;

/** The {@code lakesmith.local} block: how Spark runs on this machine. */
public record LocalSettings(
    String master, String driverMemory, List<String> javaOptions, boolean classDataSharing) {
  public LocalSettings {
    javaOptions = List.copyOf(javaOptions);
  }

  public LocalSettings(String master, String driverMemory, List<String> javaOptions) {
    this(master, driverMemory, javaOptions, false);
  }

  public static LocalSettings from(Config config) {
    Config local = config.getConfig("lakesmith.local");
    return new LocalSettings(
        local.getString("master"),
        local.getString("driver-memory"),
        local.getStringList("java-options"),
        local.getBoolean("class-data-sharing"));
  }
}
