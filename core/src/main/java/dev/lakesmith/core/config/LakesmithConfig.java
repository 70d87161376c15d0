package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import dev.lakesmith.core.JobFailure;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved configuration, every dataset block parsed and checked: a mistake anywhere in the
 * configuration fails every run at load, before any work, instead of surfacing in the one run of
 * the broken dataset, hours later on a cluster.
 *
 * @param datasets every dataset by name
 * @param source the resolved configuration, for blocks read by later steps (catalog, publish...)
 */
public record LakesmithConfig(
    String output,
    ReadSettings read,
    WriteSettings write,
    QuarantineSettings quarantine,
    Map<String, String> sparkSettings,
    Map<String, DatasetConfig> datasets,
    Config source) {

  public LakesmithConfig {
    sparkSettings = Map.copyOf(sparkSettings);
    datasets = Collections.unmodifiableMap(new TreeMap<>(datasets));
  }

  public List<String> datasetNames() {
    return List.copyOf(datasets.keySet());
  }

  public DatasetConfig dataset(String name) {
    DatasetConfig dataset = datasets.get(name);
    if (dataset == null) {
      throw JobFailure.config(
          "unknown dataset '" + name + "'; configured datasets: " + datasetNames());
    }
    return dataset;
  }
}
