package dev.lakesmith.launcher.report;

/**
 * HTML escaping for text and attribute values. Manifest values quote raw records (quarantine
 * examples, group keys), so every value goes through here before it reaches the page.
 */
public final class Html {
  private Html() {}

  public static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
