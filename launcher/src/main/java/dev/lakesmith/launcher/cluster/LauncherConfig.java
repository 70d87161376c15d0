package dev.lakesmith.launcher.cluster;

import com.typesafe.config.Config;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.launcher.steps.LocalMetastore;
import dev.lakesmith.launcher.steps.LocalSettings;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration as the launcher loads it: the job's (every key known, every dataset checked)
 * plus the blocks only the launcher reads ({@code lakesmith.local}, {@code lakesmith.emr} and its
 * trigger), so a mistake in any of them fails every command at once, before Spark or AWS.
 */
public final class LauncherConfig {
  private LauncherConfig() {}

  public static LakesmithConfig load(List<File> confFiles, List<String> overrides) {
    LakesmithConfig config = ConfigLoader.load(confFiles, overrides);
    check(config.source());
    return config;
  }

  /** Parses the launcher's own blocks of a resolved configuration; a mistake is exit 2. */
  public static void check(Config resolved) {
    LocalSettings.from(resolved);
    LocalMetastore.from(resolved);
    EmrSettings.from(resolved);
    Set<String> datasets = new TreeSet<>(resolved.getObject("lakesmith.datasets").keySet());
    for (String dataset : TriggerSettings.from(resolved).datasets()) {
      if (!datasets.contains(dataset)) {
        throw JobFailure.config(
            "lakesmith.emr.trigger.datasets names '"
                + dataset
                + "', which is not a configured dataset; configured: "
                + datasets);
      }
    }
  }
}
