package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lakesmith.jobs.record.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One JSON document per file (app exports), exploded into records along a path such as {@code
 * data.metrics[].data[]}: every element of the last array is a record. Fields of the enclosing
 * array elements stay reachable with a {@code ^} per level up: {@code ^.name} is the metric's name
 * for each of its data points.
 *
 * <p>A file is one document: anything after it (a second export appended, stray bytes) and a key
 * given twice in one object make the whole file one quarantine row, since Jackson would otherwise
 * drop the rest or keep the last value without a word.
 */
public final class JsonDocumentDecoder implements RecordDecoder {
  public static final String PARENT = "^";
  private static final int MAX_RAW_CHARS = 64 * 1024;
  private final List<Step> steps;
  private transient ObjectMapper mapper;

  private record Step(String field, boolean array) implements java.io.Serializable {}

  public JsonDocumentDecoder(String recordsPath) {
    List<Step> parsed = new ArrayList<>();
    for (String part : recordsPath.split("\\.")) {
      boolean array = part.endsWith("[]");
      String field = array ? part.substring(0, part.length() - 2) : part;
      if (field.isEmpty() && !(array && parsed.isEmpty())) {
        throw dev.lakesmith.core.JobFailure.config(
            "records path '" + recordsPath + "' has an empty step; use e.g. data.items[]");
      }
      parsed.add(new Step(field, array));
    }
    this.steps = List.copyOf(parsed);
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    if (mapper == null) {
      mapper =
          JsonMapper.builder()
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .build();
    }
    byte[] bytes = in.readAllBytes();
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      String text =
          new String(bytes, 0, Math.min(bytes.length, MAX_RAW_CHARS), StandardCharsets.UTF_8);
      return List.<Decoded>of(
              new Decoded.Bad(
                  0,
                  "invalid JSON document "
                      + sourceFile
                      + ": "
                      + e.getOriginalMessage().replace('\n', ' '),
                  text))
          .iterator();
    }
    List<Decoded> records = new ArrayList<>();
    explode(root, 0, new ArrayList<>(), "", records, sourceFile);
    return records.iterator();
  }

  /**
   * Adds the records below {@code node}, which sits at {@code at} in the document. Each element of
   * every array on the path ends as records or, when it does not have the expected shape, as one
   * quarantine row saying where it is: a broken element never hides its siblings.
   */
  private void explode(
      JsonNode node,
      int step,
      List<JsonNode> parents,
      String at,
      List<Decoded> out,
      String sourceFile) {
    if (step == steps.size()) {
      if (node.isObject()) {
        out.add(new Decoded.Ok(out.size(), new DocumentRecord(node, List.copyOf(parents))));
      } else {
        out.add(bad(out, sourceFile, at + " is " + kind(node) + ", not an object", node));
      }
      return;
    }
    Step current = steps.get(step);
    JsonNode child = node;
    String childAt = at;
    if (!current.field().isEmpty()) {
      childAt = at.isEmpty() ? current.field() : at + "." + current.field();
      if (!node.isObject()) {
        out.add(bad(out, sourceFile, where(at) + " is " + kind(node) + ", not an object", node));
        return;
      }
      child = node.get(current.field());
      if (child == null || child.isNull()) {
        out.add(bad(out, sourceFile, where(at) + " has no '" + current.field() + "'", node));
        return;
      }
    }
    if (!current.array()) {
      explode(child, step + 1, parents, childAt, out, sourceFile);
      return;
    }
    if (!child.isArray()) {
      out.add(bad(out, sourceFile, childAt + " is " + kind(child) + ", not an array", node));
      return;
    }
    boolean last = step + 1 == steps.size();
    int i = 0;
    for (JsonNode element : child) {
      if (!last) {
        parents.add(element);
      }
      explode(element, step + 1, parents, childAt + "[" + i++ + "]", out, sourceFile);
      if (!last) {
        parents.remove(parents.size() - 1);
      }
    }
  }

  private static String where(String at) {
    return at.isEmpty() ? "the document" : at;
  }

  /** "a string", "an array", "null": what a JSON value is, for messages. */
  private static String kind(JsonNode node) {
    String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
    if (type.equals("null")) {
      return type;
    }
    return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
  }

  private static Decoded bad(List<Decoded> out, String sourceFile, String problem, JsonNode raw) {
    String text = raw.toString();
    return new Decoded.Bad(
        out.size(),
        "JSON document " + sourceFile + ": " + problem,
        text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS));
  }

  /** One exploded element and the array elements enclosing it, innermost last. */
  private record DocumentRecord(JsonNode node, List<JsonNode> enclosing) implements RawRecord {
    @Override
    public Object value(List<String> path) {
      int up = 0;
      while (up < path.size() && path.get(up).equals(PARENT)) {
        up++;
      }
      int level = enclosing.size() - up;
      if (up == 0) {
        return JsonValues.at(node, path);
      }
      return level < 0 ? null : JsonValues.at(enclosing.get(level), path.subList(up, path.size()));
    }

    @Override
    public String rawText() {
      return node.toString();
    }

    @Override
    public List<String> fieldNames() {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      return Collections.unmodifiableList(names);
    }
  }
}
