package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import java.util.List;

/**
 * A dataset's {@code gaps} block: the cadence at which each group is expected to have rows, so the
 * manifest can say which days (or minutes of a session) have none. Read from the dataset block,
 * falling back key by key to {@code lakesmith.dataset-defaults.gaps}.
 *
 * @param groupBy declared columns naming a group besides the non-date partition columns
 * @param maxListed missing ranges listed per group (counts stay complete)
 * @param maxGroups groups listed, those with gaps first
 */
public record GapSpec(Cadence cadence, List<String> groupBy, int maxListed, int maxGroups) {
  public enum Cadence {
    DAY,
    MINUTE,
    NONE
  }

  public GapSpec {
    groupBy = List.copyOf(groupBy);
    if (maxListed < 0 || maxGroups < 0) {
      throw JobFailure.config(
          "gaps.max-listed " + maxListed + " and gaps.max-groups " + maxGroups + " must be >= 0");
    }
  }

  public static GapSpec of(LakesmithConfig config, DatasetConfig dataset) {
    String where = "lakesmith.datasets." + dataset.name() + ".gaps";
    Config root = config.source();
    try {
      Config block = root.getConfig("lakesmith.dataset-defaults.gaps");
      if (root.hasPath(where)) {
        block = root.getConfig(where).withFallback(block);
      }
      String cadence = block.getString("cadence");
      GapSpec spec =
          new GapSpec(
              parse(cadence, where),
              block.getStringList("group-by"),
              block.getInt("max-listed"),
              block.getInt("max-groups"));
      for (String column : spec.groupBy()) {
        if (dataset.findColumn(column).isEmpty()) {
          throw JobFailure.config(
              where
                  + ".group-by: '"
                  + column
                  + "' is not a declared column of dataset '"
                  + dataset.name()
                  + "'; declared: "
                  + dataset.columns().stream().map(ColumnSpec::name).toList());
        }
      }
      return spec;
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
  }

  private static Cadence parse(String value, String where) {
    return ConfigEnums.parse(Cadence.class, value, where + ".cadence");
  }
}
