package dev.lakesmith.bench;

import java.time.Instant;
import java.util.Locale;

/**
 * One record as it sits in a Firehose file.
 *
 * @param text the exact record text (no delimiter) of a malformed record; null for a valid one,
 *     whose text is rendered from the event when written (millions of records would not fit twice)
 * @param event the event it was made from
 * @param arrival when Firehose received it
 * @param kind valid or which kind of malformed
 * @param resent whether this is a re-send of an earlier record
 * @param late whether it reached Firehose days after the event
 * @param seq creation order (tie-breaker for a stable, deterministic sort)
 */
record Frame(
    String text, Event event, Instant arrival, Kind kind, boolean resent, boolean late, int seq) {

  enum Kind {
    VALID,
    TRUNCATED,
    BAD_TIMESTAMP,
    MISSING_NAME,
    GARBAGE,
    WRONG_TYPE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String text() {
    return text != null ? text : Records.valid(event);
  }

  String name() {
    return event.name();
  }

  boolean valid() {
    return kind == Kind.VALID;
  }
}
