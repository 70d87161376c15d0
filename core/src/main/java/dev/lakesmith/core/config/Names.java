package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Checks shared by the config records: identifiers safe for Glue/Athena/DuckDB, zone ids. */
public final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  private Names() {}

  /**
   * Lower-case letters, digits and '_', not starting with a digit: safe in Glue, Athena, DuckDB.
   */
  public static boolean isIdentifier(String value) {
    return value != null && IDENTIFIER.matcher(value).matches();
  }

  public static String identifier(String value, String where) {
    if (!isIdentifier(value)) {
      throw JobFailure.config(
          where
              + ": '"
              + value
              + "' is not a safe column/table name; use lower-case letters, digits and '_'"
              + " (e.g. 'payload_md5')");
    }
    return value;
  }

  public static ZoneId zone(String value, String where) {
    try {
      ZoneId zone = ZoneId.of(value);
      if (!(zone instanceof ZoneOffset) && !value.contains("/") && !value.equals("UTC")) {
        throw new DateTimeException("not a region id");
      }
      return zone;
    } catch (DateTimeException | NullPointerException e) {
      throw JobFailure.config(
          where + " '" + value + "' is not a region id; use e.g. 'Asia/Kolkata' or 'UTC'");
    }
  }
}
