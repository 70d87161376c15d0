package dev.lakesmith.core.layout;

/**
 * Hadoop's and Spark's rule for names that are not data: {@code _SUCCESS}, {@code _temporary},
 * {@code .crc} and staging files start with {@code _} or {@code .}. Listing raw input, curated
 * tables and published partitions all skip them by this one rule.
 */
public final class HiddenNames {
  private HiddenNames() {}

  public static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
