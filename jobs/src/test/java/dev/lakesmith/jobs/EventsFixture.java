package dev.lakesmith.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes Firehose-shaped events files (gzip, either framing) for tests. */
public final class EventsFixture {
  private final Path root;

  public EventsFixture(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public static String record(String name, String tstamp, String payload) {
    return "{\"name\":\""
        + name
        + "\",\"tstamp\":\""
        + tstamp
        + "\",\"payload\":"
        + quote(payload)
        + ",\"payload_md5\":\""
        + md5(payload)
        + "\"}";
  }

  /** Writes records newline-delimited (concatenated = false) or back to back. */
  public Path file(
      String name, String arrivalDay, String file, boolean concatenated, List<String> records)
      throws IOException {
    Path dir = root.resolve("events_raw/json/name=" + name + "/d=" + arrivalDay);
    Files.createDirectories(dir);
    Path path = dir.resolve(file);
    String body = String.join(concatenated ? "" : "\n", records) + (concatenated ? "" : "\n");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    return path;
  }

  public static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
