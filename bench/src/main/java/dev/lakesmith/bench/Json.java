package dev.lakesmith.bench;

import java.util.List;
import java.util.Map;

/** Minimal JSON text helpers: a string escaper and a pretty writer for maps, lists and scalars. */
final class Json {
  private Json() {}

  /** Returns {@code s} as a JSON string literal, quotes included. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    appendQuoted(sb, s);
    return sb.toString();
  }

  static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Writes maps (in their iteration order), lists, strings, numbers, booleans and null as indented
   * JSON.
   */
  static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      appendQuoted(sb, s);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        indent(sb, depth + 1);
        appendQuoted(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), depth + 1);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        indent(sb, depth + 1);
        write(sb, l.get(i), depth + 1);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else {
      appendQuoted(sb, v.toString());
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth));
  }
}
