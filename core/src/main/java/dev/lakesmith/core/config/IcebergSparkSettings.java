package dev.lakesmith.core.config;

import dev.lakesmith.core.layout.OutputLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark settings that define the {@code lakesmith} Iceberg catalog, in one place for the job
 * (embedded Hadoop catalog) and the launcher (Glue on EMR). Free of Iceberg classes, so the
 * launcher, which does not carry Iceberg, can use it.
 */
public final class IcebergSparkSettings {
  public static final String CATALOG = "lakesmith";
  public static final String PREFIX = "spark.sql.catalog." + CATALOG;

  private IcebergSparkSettings() {}

  /** Where the catalog keeps its tables under an output root. */
  public static String warehouse(String output) {
    return OutputLayout.icebergWarehouse(output);
  }

  /** An embedded Hadoop catalog: metadata and data under {@code <output>/_iceberg}. */
  public static Map<String, String> hadoop(String output) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(PREFIX, "org.apache.iceberg.spark.SparkCatalog");
    settings.put(PREFIX + ".type", "hadoop");
    settings.put(PREFIX + ".warehouse", warehouse(output));
    return settings;
  }

  /** The Glue Data Catalog (EMR): tables Athena sees, data under {@code <output>/_iceberg}. */
  public static Map<String, String> glue(String output) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(PREFIX, "org.apache.iceberg.spark.SparkCatalog");
    settings.put(PREFIX + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
    settings.put(PREFIX + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    settings.put(PREFIX + ".warehouse", warehouse(output));
    return settings;
  }
}
