package dev.lakesmith.jobs.config;

import com.typesafe.config.Config;
import dev.lakesmith.jobs.JobFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The resolved configuration. Datasets are parsed on demand so that a mistake in one dataset's
 * block does not stop runs of the others.
 */
public record LakesmithConfig(
    String output,
    ReadSettings read,
    WriteSettings write,
    QuarantineSettings quarantine,
    Map<String, String> sparkSettings,
    Config source) {

  public LakesmithConfig {
    sparkSettings = Map.copyOf(sparkSettings);
  }

  public List<String> datasetNames() {
    return List.copyOf(new TreeSet<>(source.getObject("lakesmith.datasets").keySet()));
  }

  public DatasetConfig dataset(String name) {
    if (!datasetNames().contains(name)) {
      throw JobFailure.config(
          "unknown dataset '" + name + "'; configured datasets: " + datasetNames());
    }
    return DatasetConfigParser.parse(name, source.getConfig("lakesmith.datasets." + name));
  }
}
