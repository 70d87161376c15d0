package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;

/** The {@code lakesmith.catalog} block: where the register step puts each dataset's table. */
public record CatalogSettings(String database, int partitionBatch) {
  public CatalogSettings {
    if (!Names.isIdentifier(database)) {
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
