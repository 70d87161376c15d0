package dev.lakesmith.jobs.catalog;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.jobs.JobFailure;
import java.util.regex.Pattern;

/** The {@code lakesmith.catalog} block: where the register step puts each dataset's table. */
public record CatalogSettings(String database, int partitionBatch) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  public CatalogSettings {
    if (database == null || !IDENTIFIER.matcher(database).matches()) {
      throw JobFailure.config(
          "lakesmith.catalog.database '"
              + database
              + "' is not a safe database name; use lower-case letters, digits and '_'");
    }
    if (partitionBatch < 1) {
      throw JobFailure.config(
          "lakesmith.catalog.partition-batch " + partitionBatch + " must be positive; e.g. 100");
    }
  }

  public static CatalogSettings from(Config config) {
    try {
      Config catalog = config.getConfig("lakesmith.catalog");
      return new CatalogSettings(catalog.getString("database"), catalog.getInt("partition-batch"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
  }
}
