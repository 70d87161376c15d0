package dev.lakesmith.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link EventsCorpusGenerator} produces. Same spec (seed included) gives byte-identical
 * output.
 *
 * @param sessions user sessions to simulate (about 7 events each)
 * @param seed RNG seed; everything random derives from it
 * @param zone zone the naive {@code tstamp} strings are written in (should have DST)
 * @param start first local day of the event-time window
 * @param days length of the event-time window in days
 * @param dupRate fraction of valid records re-sent in another file
 * @param badRate fraction of records that are malformed (spread over five kinds)
 * @param lateRate fraction of events that reach Firehose days later (a third of them next month)
 * @param stream Firehose delivery stream name (file-name prefix)
 * @param flushMinSeconds shortest buffer interval of a Firehose buffer
 * @param flushMaxSeconds longest buffer interval of a Firehose buffer
 * @param maxFileBytes buffer size limit (uncompressed bytes) that forces an early flush
 * @param corruptFiles number of files whose gzip stream is cut short
 * @param dstSessions sessions injected into each of the DST gap and fold
 */
public record CorpusSpec(
    int sessions,
    long seed,
    ZoneId zone,
    LocalDate start,
    int days,
    double dupRate,
    double badRate,
    double lateRate,
    String stream,
    int flushMinSeconds,
    int flushMaxSeconds,
    long maxFileBytes,
    int corruptFiles,
    int dstSessions) {

  public static final int DEFAULT_SESSIONS = 100_000;
  public static final long DEFAULT_SEED = 42L;
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/New_York");
  public static final LocalDate DEFAULT_START = LocalDate.of(2023, 6, 12);
  public static final int DEFAULT_DAYS = 7;
  public static final double DEFAULT_DUP_RATE = 0.05;
  public static final double DEFAULT_BAD_RATE = 0.001;
  public static final double DEFAULT_LATE_RATE = 0.01;
  public static final String DEFAULT_STREAM = "lakesmith-events";
  public static final int DEFAULT_FLUSH_MIN_SECONDS = 60;
  public static final int DEFAULT_FLUSH_MAX_SECONDS = 360;
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_DST_SESSIONS = 3;

  public CorpusSpec {
    Objects.requireNonNull(zone, "zone is null: pass a region id such as America/New_York");
    Objects.requireNonNull(start, "start is null: pass the first day of the window (yyyy-MM-dd)");
    Objects.requireNonNull(stream, "stream is null: pass a delivery stream name");
    if (sessions < 1) {
      throw new IllegalArgumentException(
          "sessions=" + sessions + " is not positive: pass --sessions 1 or more");
    }
    if (days < 1 || days > 366) {
      throw new IllegalArgumentException(
          "days=" + days + " is out of range: pass --days between 1 and 366");
    }
    checkRate("dup-rate", dupRate);
    checkRate("bad-rate", badRate);
    checkRate("late-rate", lateRate);
    if (!stream.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "stream='" + stream + "' is not a Firehose stream name: use 1-64 of [A-Za-z0-9_.-]");
    }
    if (flushMinSeconds < 1 || flushMaxSeconds < flushMinSeconds || flushMaxSeconds > 3600) {
      throw new IllegalArgumentException(
          "flush interval "
              + flushMinSeconds
              + ".."
              + flushMaxSeconds
              + " s is invalid: need 1 <= min <= max <= 3600");
    }
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException(
          "maxFileBytes=" + maxFileBytes + " is too small: pass at least 1024");
    }
    if (corruptFiles < 0) {
      throw new IllegalArgumentException(
          "corruptFiles=" + corruptFiles + " is negative: pass 0 or more");
    }
    if (dstSessions < 0) {
      throw new IllegalArgumentException(
          "dstSessions=" + dstSessions + " is negative: pass 0 or more");
    }
  }

  private static void checkRate(String what, double rate) {
    if (!(rate >= 0.0 && rate <= 0.5)) {
      throw new IllegalArgumentException(
          what + "=" + rate + " is out of range: pass a fraction between 0 and 0.5");
    }
  }

  /** The reference defaults with the given size and seed. */
  public static CorpusSpec defaults(int sessions, long seed) {
    return new CorpusSpec(
        sessions,
        seed,
        DEFAULT_ZONE,
        DEFAULT_START,
        DEFAULT_DAYS,
        DEFAULT_DUP_RATE,
        DEFAULT_BAD_RATE,
        DEFAULT_LATE_RATE,
        DEFAULT_STREAM,
        DEFAULT_FLUSH_MIN_SECONDS,
        DEFAULT_FLUSH_MAX_SECONDS,
        DEFAULT_MAX_FILE_BYTES,
        0,
        DEFAULT_DST_SESSIONS);
  }

  public CorpusSpec withSeed(long v) {
    return new CorpusSpec(
        sessions,
        v,
        zone,
        start,
        days,
        dupRate,
        badRate,
        lateRate,
        stream,
        flushMinSeconds,
        flushMaxSeconds,
        maxFileBytes,
        corruptFiles,
        dstSessions);
  }

  public CorpusSpec withWindow(ZoneId z, LocalDate s, int d) {
    return new CorpusSpec(
        sessions,
        seed,
        z,
        s,
        d,
        dupRate,
        badRate,
        lateRate,
        stream,
        flushMinSeconds,
        flushMaxSeconds,
        maxFileBytes,
        corruptFiles,
        dstSessions);
  }

  public CorpusSpec withRates(double dup, double bad, double late) {
    return new CorpusSpec(
        sessions,
        seed,
        zone,
        start,
        days,
        dup,
        bad,
        late,
        stream,
        flushMinSeconds,
        flushMaxSeconds,
        maxFileBytes,
        corruptFiles,
        dstSessions);
  }

  public CorpusSpec withFlush(int minSeconds, int maxSeconds, long maxBytes) {
    return new CorpusSpec(
        sessions,
        seed,
        zone,
        start,
        days,
        dupRate,
        badRate,
        lateRate,
        stream,
        minSeconds,
        maxSeconds,
        maxBytes,
        corruptFiles,
        dstSessions);
  }

  public CorpusSpec withCorruptFiles(int v) {
    return new CorpusSpec(
        sessions,
        seed,
        zone,
        start,
        days,
        dupRate,
        badRate,
        lateRate,
        stream,
        flushMinSeconds,
        flushMaxSeconds,
        maxFileBytes,
        v,
        dstSessions);
  }

  public CorpusSpec withStream(String v) {
    return new CorpusSpec(
        sessions,
        seed,
        zone,
        start,
        days,
        dupRate,
        badRate,
        lateRate,
        v,
        flushMinSeconds,
        flushMaxSeconds,
        maxFileBytes,
        corruptFiles,
        dstSessions);
  }

  /** First instant of the event-time window. */
  public Instant windowStart() {
    return start.atStartOfDay(zone).toInstant();
  }

  /** First instant after the event-time window. */
  public Instant windowEnd() {
    return start.plusDays(days).atStartOfDay(zone).toInstant();
  }

  /** The spec as an ordered map (for the truth file). */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sessions", sessions);
    m.put("seed", seed);
    m.put("zone", zone.getId());
    m.put("start", start.toString());
    m.put("days", days);
    m.put("dup_rate", dupRate);
    m.put("bad_rate", badRate);
    m.put("late_rate", lateRate);
    m.put("stream", stream);
    m.put("flush_min_seconds", flushMinSeconds);
    m.put("flush_max_seconds", flushMaxSeconds);
    m.put("max_file_bytes", maxFileBytes);
    m.put("corrupt_files", corruptFiles);
    m.put("dst_sessions", dstSessions);
    return m;
  }
}
