package dev.lakesmith.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Renders records the way the Firehose producer writes them, valid and malformed. Records and their
 * payloads are written with Jackson; the malformed kinds that are not JSON (a record cut short,
 * garbage text) are cut from, or stand in for, that output on purpose, since they are the input the
 * reader must survive.
 */
final class Records {
  private static final JsonFactory JSON = new JsonFactory();

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
    return record(e, true, json -> json.writeString(tstamp(e.tstamp())));
  }

  /** Writes one JSON value. */
  interface JsonValue {
    void write(JsonGenerator json) throws IOException;
  }

  /** One JSON text, written compactly (no spaces) as the producer writes it. */
  static String json(JsonValue value) {
    StringWriter text = new StringWriter(160);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      value.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The record's JSON with the given {@code tstamp} value, with or without its name. */
  private static String record(Event e, boolean withName, JsonValue tstamp) {
    return json(
        json -> {
          json.writeStartObject();
          if (withName) {
            json.writeStringField("name", e.name());
          }
          json.writeFieldName("tstamp");
          tstamp.write(json);
          json.writeStringField("payload", e.payload());
          json.writeStringField("payload_md5", e.md5());
          json.writeEndObject();
        });
  }

  /** A malformed rendering of {@code e} of the given kind. */
  static String malformed(Frame.Kind kind, Event e, SplittableRandom rng) {
    return switch (kind) {
      case TRUNCATED -> {
        String full = valid(e);
        yield full.substring(0, 12 + rng.nextInt(full.length() - 14));
      }
      case BAD_TIMESTAMP -> {
        String bad = BAD_TSTAMPS[rng.nextInt(BAD_TSTAMPS.length)];
        yield record(e, true, json -> json.writeString(bad));
      }
      case MISSING_NAME -> record(e, false, json -> json.writeString(tstamp(e.tstamp())));
      case GARBAGE -> GARBAGE[rng.nextInt(GARBAGE.length)];
      case WRONG_TYPE ->
          record(
              e,
              true,
              json -> {
                json.writeStartObject();
                json.writeStringField("value", tstamp(e.tstamp()));
                json.writeStringField("precision", "us");
                json.writeEndObject();
              });
      case VALID -> valid(e);
    };
  }
}
