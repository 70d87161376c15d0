package dev.lakesmith.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One event as a device produced it.
 *
 * @param name event name (also the Firehose partition)
 * @param tstamp naive wall-clock time the device wrote, in the corpus zone
 * @param happened the real instant (differs from the java.time reading of {@code tstamp} in a DST
 *     fold's second pass, and for injected gap times)
 * @param payload the payload JSON text
 * @param md5 lowercase hex MD5 of {@code payload}
 * @param dst whether this event was injected into a DST gap or fold
 */
record Event(
    String name, LocalDateTime tstamp, Instant happened, String payload, String md5, Dst dst) {

  enum Dst {
    NONE,
    GAP,
    FOLD
  }

  /** The dedupe key as the curate job must compute it: java.time rules for gap and overlap. */
  Key key(ZoneId zone) {
    return new Key(name, tstamp.atZone(zone).toInstant(), md5);
  }

  /** Dedupe key {@code (name, instant, payload_md5)}. */
  record Key(String name, Instant instant, String md5) {}
}
