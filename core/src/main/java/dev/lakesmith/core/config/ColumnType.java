package dev.lakesmith.core.config;

/** Types a curated column may have; timestamps are stored as UTC instants (TIMESTAMP_MICROS). */
public enum ColumnType {
  STRING,
  LONG,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP,
  /**
   * {@code map<string,double>}: every record field matching the column's {@code match} regex that
   * no other column claims, keyed by its name sanitized to a lower-case identifier (wide exports
   * with hundreds of numeric result columns that differ by source).
   */
  DOUBLE_MAP,
  /**
   * {@code map<string,string>}: the values of a double-map's fields that are not numbers (censored
   * results such as {@code <0.01}, {@code NEG}), as sent; filled by the double-map column that
   * names it as its {@code text-column}.
   */
  STRING_MAP
}
