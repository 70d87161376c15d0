package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/** JSON objects, newline-delimited or concatenated (Kinesis Firehose), one record per object. */
public final class JsonRecordDecoder implements RecordDecoder {
  private static final int MAX_REASON_DETAIL = 160;
  private final boolean multilineRecords;
  private transient ObjectMapper mapper;

  public JsonRecordDecoder(boolean multilineRecords) {
    this.multilineRecords = multilineRecords;
  }

  @Override
  public Iterator<Decoded> decode(InputStream in, String sourceFile) {
    if (mapper == null) {
      mapper = JsonMapper.builder().build();
    }
    JsonStreamFramer framer = new JsonStreamFramer(in, multilineRecords);
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
        try {
          JsonNode node = mapper.readTree(frame.bytes(), 0, frame.length());
          return new Decoded.Ok(current, new JsonRawRecord(node, frame));
        } catch (JsonProcessingException e) {
          return new Decoded.Bad(current, "invalid JSON: " + shortMessage(e), frame.text());
        } catch (IOException e) {
          return new Decoded.Bad(current, "invalid JSON: " + e.getMessage(), frame.text());
        }
      }
    };
  }

  private static String shortMessage(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    message = message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    return message.length() <= MAX_REASON_DETAIL
        ? message
        : message.substring(0, MAX_REASON_DETAIL) + "...";
  }

  private record JsonRawRecord(JsonNode root, JsonStreamFramer.Frame frame) implements RawRecord {
    @Override
    public Object value(List<String> path) {
      return JsonValues.at(root, path);
    }

    @Override
    public String rawText() {
      return frame.text();
    }
  }
}
