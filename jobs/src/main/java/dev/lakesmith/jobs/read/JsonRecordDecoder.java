package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.jobs.record.NumberText;
import dev.lakesmith.jobs.record.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON objects, newline-delimited or concatenated (Kinesis Firehose), one record per object.
 *
 * <p>Each object is streamed once: top-level fields no column reads are skipped token by token
 * (still checked as JSON), scalars are kept as Java values and only objects or arrays a column
 * reaches into become trees. That costs a fraction of building a tree of every record.
 *
 * <p>Hostile records cost bounded work: the framer caps a record's size, nesting is capped at
 * {@link #MAX_NESTING} levels, numbers with a fraction or exponent stay as written ({@link
 * NumberText}), and anything that goes wrong parsing one record is that record's problem.
 */
public final class JsonRecordDecoder implements RecordDecoder {
  private static final int MAX_REASON_DETAIL = 160;

  /** Nesting allowed in a record; deeper is quarantined (real records nest a few levels). */
  static final int MAX_NESTING = 500;

  private final boolean multilineRecords;
  private final Set<String> fields;
  private final int maxRecordBytes;
  private transient ObjectMapper mapper;

  /**
   * @param fields the top-level fields the dataset's columns read (first step of each path)
   */
  public JsonRecordDecoder(boolean multilineRecords, Set<String> fields, int maxRecordBytes) {
    this.multilineRecords = multilineRecords;
    this.fields = Set.copyOf(fields);
    this.maxRecordBytes = maxRecordBytes;
  }

  public static JsonRecordDecoder forColumns(
      boolean multilineRecords, List<ColumnSpec> columns, int maxRecordBytes) {
    Set<String> fields = new LinkedHashSet<>();
    columns.forEach(c -> fields.add(c.path().get(0)));
    return new JsonRecordDecoder(multilineRecords, fields, maxRecordBytes);
  }

  /**
   * Trees keep fractions as exact decimals (trailing zeros too) so {@link JsonValues} reads them as
   * written; the framer has already bounded the record, so no string or document limit below it is
   * needed.
   */
  private static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            // One parser per record: a thread-local buffer pool costs a ThreadLocal lookup each
            // time (3% of reading, in Spark's threads with many thread-locals); a deque does not.
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) {
    if (mapper == null) {
      mapper = mapper();
    }
    JsonFactory factory = mapper.getFactory();
    JsonStreamFramer framer = new JsonStreamFramer(in, multilineRecords, maxRecordBytes);
    return new Iterator<>() {
      private long index;

      @Override
      public boolean hasNext() {
        return framer.hasNext();
      }

      @Override
      public Decoded next() {
        JsonStreamFramer.Frame frame = framer.next();
        long current = index++;
        if (frame.problem() != null) {
          return new Decoded.Bad(current, frame.problem(), frame.text());
        }
        try (JsonParser parser = factory.createParser(frame.bytes(), 0, frame.length())) {
          return new Decoded.Ok(current, new JsonRawRecord(read(parser), frame));
        } catch (JsonProcessingException e) {
          return new Decoded.Bad(current, "invalid JSON: " + shortMessage(e), frame.text());
        } catch (IOException | RuntimeException | StackOverflowError e) {
          return new Decoded.Bad(
              current, "invalid JSON: " + ReadFailures.describe(e), frame.text());
        }
      }
    };
  }

  /** The wanted top-level values of one object: scalars as Java values, containers as trees. */
  private Map<String, Object> read(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(parser, "not a JSON object");
    }
    Map<String, Object> values = new HashMap<>();
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!fields.contains(name)) {
        parser.skipChildren();
        continue;
      }
      values.put(name, scalarOrTree(parser, value));
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "unexpected end of object");
    }
    return values;
  }

  private Object scalarOrTree(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? parser.getBigIntegerValue()
              : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> new NumberText(parser.getText());
      default -> mapper.readTree(parser);
    };
  }

  private static String shortMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    message = message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    return message.length() <= MAX_REASON_DETAIL
        ? message
        : message.substring(0, MAX_REASON_DETAIL) + "...";
  }

  private record JsonRawRecord(Map<String, Object> top, JsonStreamFramer.Frame frame)
      implements RawRecord {
    @Override
    public Object value(List<String> path) {
      Object value = top.get(path.get(0));
      if (!(value instanceof JsonNode node)) {
        return path.size() == 1 ? value : null;
      }
      return JsonValues.at(node, path.subList(1, path.size()));
    }

    @Override
    public String rawText() {
      return frame.text();
    }
  }
}
