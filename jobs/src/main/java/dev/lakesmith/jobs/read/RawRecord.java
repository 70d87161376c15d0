package dev.lakesmith.jobs.read;

import java.util.List;

/**
 * One decoded raw record, independent of its format. Values are {@code null} (missing or null),
 * {@link String}, {@link Number}, {@link Boolean} or {@link Nested} (an object or array, as JSON).
 */
public interface RawRecord {
  Object value(List<String> path);

  /** The record as text, kept for quarantine rows when a later check rejects it. */
  String rawText();

  /** An object or array found where a scalar was expected, rendered as JSON text. */
  record Nested(String json) {
    @Override
    public String toString() {
      return json;
    }
  }
}
