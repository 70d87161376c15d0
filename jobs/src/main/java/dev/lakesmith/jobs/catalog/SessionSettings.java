package dev.lakesmith.jobs.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Session settings the job relies on for correctness; applied by the job itself so that output
 * never depends on the JVM's or the cluster's default time zone or spark-defaults.
 */
public final class SessionSettings {
  private SessionSettings() {}

  public static Map<String, String> required() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.datetime.java8API.enabled", "true");
    settings.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    settings.put("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    settings.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
    return settings;
  }

  /**
   * Applies configured then required settings; settings fixed at start-up are left to spark-submit.
   */
  public static void apply(SparkSession spark, Map<String, String> configured) {
    Map<String, String> all = new LinkedHashMap<>(configured);
    all.putAll(required());
    all.forEach(
        (key, value) -> {
          if (spark.conf().isModifiable(key)) {
            spark.conf().set(key, value);
          }
        });
  }
}
