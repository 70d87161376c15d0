package dev.lakesmith.jobs.record;

import java.util.List;
import java.util.Optional;

/**
 * One decoded raw record, independent of its format. Values are {@code null} (missing or null),
 * {@link String}, {@link Number}, {@link Boolean} or {@link Nested} (an object or array, as JSON);
 * typed timestamps of self-describing formats are {@link java.time.Instant} or, without a zone,
 * {@link java.time.LocalDateTime}.
 */
public interface RawRecord {
  Object value(List<String> path);

  /** The record as text, kept for quarantine rows when a later check rejects it. */
  String rawText();

  /**
   * Why {@code path} has no value when the file itself cannot hold it (a CSV header or an Avro or
   * Parquet schema without that field), naming the file; empty when only this record lacks it.
   */
  default Optional<String> whyMissing(List<String> path) {
    return Optional.empty();
  }

  /** Top-level field names, in file order, for columns that collect fields by name. */
  default List<String> fieldNames() {
    return List.of();
  }

  /** An object or array found where a scalar was expected, rendered as JSON text. */
  record Nested(String json) {
    @Override
    public String toString() {
      return json;
    }
  }
}
