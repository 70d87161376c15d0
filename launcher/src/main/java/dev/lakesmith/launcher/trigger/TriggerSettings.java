package dev.lakesmith.launcher.trigger;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.jobs.JobFailure;
import java.util.List;

/**
 * The {@code lakesmith.emr.trigger} block: which datasets events may start, the completion marker's
 * file name, and whether a marker starts its month or its day.
 */
public record TriggerSettings(List<String> datasets, String marker, boolean daySlices) {
  public TriggerSettings {
    datasets = List.copyOf(datasets);
    if (marker == null || marker.isBlank() || marker.contains("/")) {
      throw JobFailure.config(
          "lakesmith.emr.trigger.marker '" + marker + "' must be a file name, e.g. _SUCCESS");
    }
  }

  public static TriggerSettings from(Config root) {
    try {
      Config t = root.getConfig("lakesmith.emr.trigger");
      String slice = t.getString("slice");
      if (!slice.equals("month") && !slice.equals("day")) {
        throw JobFailure.config("lakesmith.emr.trigger.slice '" + slice + "' must be month or day");
      }
      return new TriggerSettings(
          t.getStringList("datasets"), t.getString("marker"), slice.equals("day"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error in lakesmith.emr.trigger: " + e.getMessage());
    }
  }
}
