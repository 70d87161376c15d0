package dev.lakesmith.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/** Renders records the way the Firehose producer writes them, valid and malformed. */
final class Records {
  static final DateTimeFormatter TSTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private static final String[] GARBAGE = {
    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    "[object Object]",
    "undefined",
    "Internal Server Error",
    "\u00ef\u00bf\u00bd\u00ef\u00bf\u00bdPK\u0003\u0004 binary junk",
  };
  private static final String[] BAD_TSTAMPS = {
    "2023-02-30 25:61:00", "2023-02-30 25:61:00.000000", "2023-13-01 00:00:00.000000",
  };

  private final MessageDigest md5;

  Records() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5 MessageDigest", e);
    }
  }

  String md5Hex(String s) {
    return HexFormat.of().formatHex(md5.digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static String tstamp(LocalDateTime t) {
    return TSTAMP.format(t);
  }

  /** A random version-4 UUID drawn from {@code rng} (never from the system). */
  static String uuid(SplittableRandom rng) {
    long hi = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  static String valid(Event e) {
    return record(e, true, "\"" + tstamp(e.tstamp()) + "\"");
  }

  /** The record's JSON with the given {@code tstamp} value, with or without its name. */
  private static String record(Event e, boolean withName, String tstampJson) {
    return "{"
        + (withName ? "\"name\":" + Json.quote(e.name()) + "," : "")
        + "\"tstamp\":"
        + tstampJson
        + ",\"payload\":"
        + Json.quote(e.payload())
        + ",\"payload_md5\":\""
        + e.md5()
        + "\"}";
  }

  /** A malformed rendering of {@code e} of the given kind. */
  static String malformed(Frame.Kind kind, Event e, SplittableRandom rng) {
    return switch (kind) {
      case TRUNCATED -> {
        String full = valid(e);
        yield full.substring(0, 12 + rng.nextInt(full.length() - 14));
      }
      case BAD_TIMESTAMP ->
          record(e, true, "\"" + BAD_TSTAMPS[rng.nextInt(BAD_TSTAMPS.length)] + "\"");
      case MISSING_NAME -> record(e, false, "\"" + tstamp(e.tstamp()) + "\"");
      case GARBAGE -> GARBAGE[rng.nextInt(GARBAGE.length)];
      case WRONG_TYPE ->
          record(e, true, "{\"value\":\"" + tstamp(e.tstamp()) + "\",\"precision\":\"us\"}");
      case VALID -> valid(e);
    };
  }
}
