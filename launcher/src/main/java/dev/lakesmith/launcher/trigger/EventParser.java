package dev.lakesmith.launcher.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the object-created notifications S3 sends: an S3 event notification ({@code Records[]},
 * keys URL-encoded with {@code +} for space) or an EventBridge {@code Object Created} event ({@code
 * detail.bucket.name}, {@code detail.object.key}). Other events (e.g. {@code s3:TestEvent},
 * deletes) yield no objects.
 */
public final class EventParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventParser() {}

  public static List<ObjectEvent> parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw JobFailure.config(
          "event "
              + source
              + " is not JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); pass the event body");
    }
    return parse(root, source);
  }

  public static List<ObjectEvent> parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw JobFailure.config("event " + source + " is not a JSON object");
    }
    List<ObjectEvent> events = new ArrayList<>();
    if (root.has("Records")) {
      for (JsonNode r : root.get("Records")) {
        if (r.path("eventName").asText("").startsWith("ObjectCreated:")) {
          JsonNode s3 = r.path("s3");
          events.add(
              new ObjectEvent(
                  s3.path("bucket").path("name").asText(),
                  URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8),
                  s3.path("object").path("size").asLong(0)));
        }
      }
      return events;
    }
    if (root.has("detail-type")) {
      if ("aws.s3".equals(root.path("source").asText())
          && "Object Created".equals(root.path("detail-type").asText())) {
        JsonNode d = root.path("detail");
        events.add(
            new ObjectEvent(
                d.path("bucket").path("name").asText(),
                d.path("object").path("key").asText(),
                d.path("object").path("size").asLong(0)));
      }
      return events;
    }
    if ("s3:TestEvent".equals(root.path("Event").asText())) {
      return events;
    }
    throw JobFailure.config(
        "event "
            + source
            + " is neither an S3 event notification (Records[]) nor an EventBridge 'Object"
            + " Created' event");
  }
}
