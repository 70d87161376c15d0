package dev.lakesmith.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a generated corpus without any generator code: its own gzip handling, framing scanner,
 * Jackson parsing, validation and DST arithmetic (ZoneRules, not atZone).
 */
final class IndependentReader {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile(
          "events_raw/json/name=([a-z_]+)/d=(\\d{4}-\\d{2}-\\d{2})/"
              + "[A-Za-z0-9_.-]+-1-(\\d{4}-\\d{2}-\\d{2})-\\d{2}-\\d{2}-\\d{2}-"
              + "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\.gz");
  private static final DateTimeFormatter TSTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS")
          .withResolverStyle(ResolverStyle.STRICT);

  record Key(String name, Instant instant, String md5) {}

  /** One decoded record frame and where it was found. */
  record Rec(String file, String partitionName, String month, String text, Key key, String kind) {}

  final List<String> files = new ArrayList<>();
  final List<String> corruptFiles = new ArrayList<>();
  final List<Rec> recs = new ArrayList<>();
  int newlineFiles;
  int concatenatedFiles;
  final Map<String, Long> malformedByKind = new TreeMap<>();

  static IndependentReader read(Path root, ZoneId zone) throws IOException {
    IndependentReader r = new IndependentReader();
    List<Path> gz;
    try (Stream<Path> s = Files.walk(root.resolve("events_raw"))) {
      gz = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : gz) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      Matcher m = PATH.matcher(rel);
      if (!m.matches()) {
        throw new AssertionError("unexpected file path " + rel);
      }
      r.files.add(rel);
      String text;
      try {
        text = gunzip(p);
      } catch (EOFException e) {
        r.corruptFiles.add(rel);
        continue;
      }
      List<String> frames = scan(text);
      boolean newlines = text.endsWith("\n");
      if (newlines) {
        r.newlineFiles++;
        if (text.split("\n", -1).length - 1 != frames.size()) {
          throw new AssertionError("line count differs from frame count in " + rel);
        }
      } else {
        r.concatenatedFiles++;
        if (text.indexOf('\n') >= 0) {
          throw new AssertionError("concatenated file with a newline " + rel);
        }
      }
      for (int i = 0; i < frames.size(); i++) {
        Rec rec = r.decode(rel, m.group(1), m.group(2).substring(0, 7), frames.get(i), zone);
        if (!newlines && rec.kind.equals("truncated") && i != frames.size() - 1) {
          throw new AssertionError("truncated record not last in concatenated file " + rel);
        }
        r.recs.add(rec);
        if (rec.key == null) {
          r.malformedByKind.merge(rec.kind, 1L, Long::sum);
        }
      }
    }
    return r;
  }

  static String gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Frames concatenated or newline-delimited JSON objects: brace and string aware; a raw newline or
   * the end of text ends a (cut) object; text not starting with '{' runs to the end of line.
   */
  static List<String> scan(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      if (c == '{') {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (; i < n; i++) {
          char ch = text.charAt(i);
          if (ch == '\n') {
            break;
          }
          if (inString) {
            if (escaped) {
              escaped = false;
            } else if (ch == '\\') {
              escaped = true;
            } else if (ch == '"') {
              inString = false;
            }
          } else if (ch == '"') {
            inString = true;
          } else if (ch == '{') {
            depth++;
          } else if (ch == '}' && --depth == 0) {
            i++;
            break;
          }
        }
      } else {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      }
      out.add(text.substring(start, i));
    }
    return out;
  }

  private Rec decode(String file, String name, String month, String text, ZoneId zone) {
    if (!text.startsWith("{")) {
      return new Rec(file, name, month, text, null, "garbage");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (IOException e) {
      return new Rec(file, name, month, text, null, "truncated");
    }
    if (!node.path("name").isTextual()) {
      return new Rec(file, name, month, text, null, "missing_name");
    }
    if (!node.path("tstamp").isTextual()) {
      return new Rec(file, name, month, text, null, "wrong_type");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(node.get("tstamp").asText(), TSTAMP);
    } catch (DateTimeParseException e) {
      return new Rec(file, name, month, text, null, "bad_timestamp");
    }
    String payload = node.path("payload").asText();
    String md5 = node.path("payload_md5").asText();
    if (!md5.equals(md5Hex(payload))) {
      throw new AssertionError("payload_md5 does not match payload in " + file + ": " + text);
    }
    if (!node.get("name").asText().equals(name)) {
      throw new AssertionError("record name differs from its name= partition in " + file);
    }
    return new Rec(file, name, month, text, new Key(name, instant(local, zone), md5), "valid");
  }

  /** java.time's rule, computed from ZoneRules: gap shifts forward, overlap → earlier offset. */
  static Instant instant(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
    }
    ZoneOffset earlier = offsets.get(0);
    for (ZoneOffset o : offsets) {
      if (o.getTotalSeconds() > earlier.getTotalSeconds()) {
        earlier = o;
      }
    }
    return local.toInstant(earlier);
  }

  static String md5Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  long malformed() {
    return recs.stream().filter(r -> r.key == null).count();
  }

  Set<Key> distinct() {
    Set<Key> keys = new HashSet<>();
    recs.stream().filter(r -> r.key != null).forEach(r -> keys.add(r.key));
    return keys;
  }

  Map<String, Long> partitions(List<Rec> rs) {
    Map<String, Long> out = new TreeMap<>();
    Set<Key> seen = new HashSet<>();
    for (Rec r : rs) {
      if (r.key != null && seen.add(r.key)) {
        String d = r.key.instant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        out.merge("name=" + r.key.name() + "/d=" + d, 1L, Long::sum);
      }
    }
    return out;
  }

  Map<String, List<Rec>> byMonth() {
    Map<String, List<Rec>> out = new TreeMap<>();
    recs.forEach(r -> out.computeIfAbsent(r.month, m -> new ArrayList<>()).add(r));
    return out;
  }

  Map<String, Long> monthFiles() {
    Map<String, Long> out = new HashMap<>();
    for (String f : files) {
      Matcher m = PATH.matcher(f);
      m.matches();
      out.merge(m.group(2).substring(0, 7), 1L, Long::sum);
    }
    return out;
  }
}
