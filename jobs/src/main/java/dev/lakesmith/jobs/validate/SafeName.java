package dev.lakesmith.jobs.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a raw field name such as {@code "WBC (10^3/uL)"} into a lower-case identifier ({@code
 * wbc_10_3_ul}) that Athena, Glue, Spark and DuckDB accept without quoting.
 */
public final class SafeName {
  private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9]+");

  private SafeName() {}

  public static String of(String raw) {
    String name = UNSAFE.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = name.length();
    while (start < end && name.charAt(start) == '_') {
      start++;
    }
    while (end > start && name.charAt(end - 1) == '_') {
      end--;
    }
    name = name.substring(start, end);
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      name = "f_" + name;
    }
    return name.length() > 128 ? name.substring(0, 128) : name;
  }
}
