package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * One JSON document per file (app exports), exploded into records along a path such as {@code
 * data.metrics[].data[]}: every element of the last array is a record. Fields of the enclosing
 * array elements stay reachable with a {@code ^} per level up: {@code ^.name} is the metric's name
 * for each of its data points.
 */
public final class JsonDocumentDecoder implements RecordDecoder {
  public static final String PARENT = "^";
  private static final int MAX_RAW_CHARS = 64 * 1024;
  private final String recordsPath;
  private final List<Step> steps;
  private transient ObjectMapper mapper;

  private record Step(String field, boolean array) implements java.io.Serializable {}

  public JsonDocumentDecoder(String recordsPath) {
    this.recordsPath = recordsPath;
    List<Step> parsed = new ArrayList<>();
    for (String part : recordsPath.split("\\.")) {
      boolean array = part.endsWith("[]");
      String field = array ? part.substring(0, part.length() - 2) : part;
      if (field.isEmpty() && !(array && parsed.isEmpty())) {
        throw dev.lakesmith.jobs.JobFailure.config(
            "records path '" + recordsPath + "' has an empty step; use e.g. data.items[]");
      }
      parsed.add(new Step(field, array));
    }
    this.steps = List.copyOf(parsed);
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    if (mapper == null) {
      mapper = JsonMapper.builder().build();
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
    String problem = explode(root, 0, new ArrayList<>(), records);
    if (problem != null) {
      records.add(
          new Decoded.Bad(records.size(), "JSON document " + sourceFile + " " + problem, null));
    }
    return records.iterator();
  }

  /** Adds the records below {@code node}; returns what is wrong with the document, if anything. */
  private String explode(JsonNode node, int step, List<JsonNode> parents, List<Decoded> out) {
    if (step == steps.size()) {
      out.add(new Decoded.Ok(out.size(), new DocumentRecord(node, List.copyOf(parents))));
      return null;
    }
    Step current = steps.get(step);
    JsonNode child = current.field().isEmpty() ? node : node.get(current.field());
    if (child == null || child.isNull()) {
      return step == 0 || !current.array() ? "has no '" + pathTo(step) + "'" : null;
    }
    if (!current.array()) {
      return explode(child, step + 1, parents, out);
    }
    if (!child.isArray()) {
      return "has no array at '" + pathTo(step) + "'";
    }
    for (JsonNode element : child) {
      if (step + 1 == steps.size()) {
        out.add(new Decoded.Ok(out.size(), new DocumentRecord(element, List.copyOf(parents))));
        continue;
      }
      parents.add(element);
      String problem = explode(element, step + 1, parents, out);
      parents.remove(parents.size() - 1);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private String pathTo(int step) {
    return String.join(".", List.of(recordsPath.split("\\.")).subList(0, step + 1));
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
