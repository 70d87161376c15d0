package dev.lakesmith.launcher.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigEnums;
import java.util.List;

/**
 * The {@code lakesmith.emr.trigger} block: which datasets events may start, the completion marker's
 * file name, and whether a marker starts its month or its day.
 */
public record TriggerSettings(List<String> datasets, String marker, boolean daySlices) {
  /** What a marker starts: its arrival month or its arrival day. */
  enum SliceUnit {
    MONTH,
    DAY
  }

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
      SliceUnit slice =
          ConfigEnums.parse(SliceUnit.class, t.getString("slice"), "lakesmith.emr.trigger.slice");
      return new TriggerSettings(
          t.getStringList("datasets"), t.getString("marker"), slice == SliceUnit.DAY);
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error in lakesmith.emr.trigger: " + e.getMessage());
    }
  }
}
