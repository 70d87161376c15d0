package dev.lakesmith.jobs.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.jobs.record.NumberText;
import dev.lakesmith.jobs.record.RawRecord;
import java.util.List;

/** Raw values out of a JSON tree, as {@link RawRecord#value} returns them. */
final class JsonValues {
  private JsonValues() {}

  /** The value at an object path below {@code root}, or null when absent or JSON null. */
  static Object at(JsonNode root, List<String> path) {
    JsonNode node = root;
    for (String step : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(step);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isBigDecimal()) {
      return new NumberText(node.decimalValue().toString());
    }
    if (node.isNumber()) {
      // A double node (a mapper without big decimals for floats): its shortest text, or Infinity.
      return new NumberText(node.asText());
    }
    return new RawRecord.Nested(node.toString());
  }
}
