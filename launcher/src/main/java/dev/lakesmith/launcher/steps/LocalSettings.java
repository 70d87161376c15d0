package dev.lakesmith.launcher.steps;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigLoader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code lakesmith.local} block: how Spark runs on this machine.
 *
 * @param lightJavaOptions JVM options added for a step with little work to compile for: the
 *     register step, and the curate step when its local input is at most {@code smallInputBytes}
 * @param smallInputBytes the largest local input (bytes the job reads) a curate step counts as
 *     light
 * @param oneJvm whether the steps of a plan run in one Spark JVM (a step chain) rather than one
 *     each
 * @param sparkConf Spark settings given to the local Spark JVM when it starts ({@code --conf}):
 *     those a running session cannot change, such as its memory pools
 */
public record LocalSettings(
    String master,
    String driverMemory,
    List<String> javaOptions,
    boolean classDataSharing,
    List<String> lightJavaOptions,
    long smallInputBytes,
    boolean oneJvm,
    Map<String, String> sparkConf) {
  public LocalSettings {
    javaOptions = List.copyOf(javaOptions);
    lightJavaOptions = List.copyOf(lightJavaOptions);
    sparkConf = Collections.unmodifiableMap(new TreeMap<>(sparkConf));
    for (String key : sparkConf.keySet()) {
      if (!key.startsWith("spark.")) {
        throw JobFailure.config(
            "lakesmith.local.spark-conf key '"
                + key
                + "' is not a Spark setting; keys start with spark., e.g."
                + " \"spark.memory.fraction\" = 0.5");
      }
    }
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
    if (smallInputBytes < 0) {
      throw JobFailure.config(
          "lakesmith.local.small-input-bytes "
              + smallInputBytes
              + " is negative; use a size such as 16m, or 0 to never count a curate step as light");
    }
  }

  public LocalSettings(String master, String driverMemory, List<String> javaOptions) {
    this(master, driverMemory, javaOptions, false, List.of(), 0, false, Map.of());
  }

  /** Whether a curate step reading {@code inputBytes} of local input counts as light. */
  public boolean lightCurate(long inputBytes) {
    return inputBytes <= smallInputBytes;
  }

  public static LocalSettings from(Config config) {
    try {
      Config local = config.getConfig("lakesmith.local");
      return new LocalSettings(
          local.getString("master"),
          local.getString("driver-memory"),
          local.getStringList("java-options"),
          local.getBoolean("class-data-sharing"),
          local.getStringList("light-java-options"),
          local.getBytes("small-input-bytes"),
          local.getBoolean("one-jvm"),
          ConfigLoader.strings(local.getObject("spark-conf")));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error in lakesmith.local: " + e.getMessage());
    }
  }
}
