package dev.lakesmith.jobs.read;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: fields separated by a delimiter, optionally quoted, quotes doubled inside
 * quotes, line breaks allowed inside quotes; {@code \n} or {@code \r\n} ends a record.
 */
final class CsvLineReader {
  /** One record: its fields and the text it was read from (for quarantine rows). */
  record Line(List<String> fields, String text) {
    /** No content: an empty line, or only empty cells as spreadsheets pad them. */
    boolean blank() {
      return fields.stream().allMatch(String::isBlank);
    }
  }

  private final Reader in;
  private final char delimiter;
  private final char quote;
  private int pushedBack = -2;

  CsvLineReader(Reader in, char delimiter, char quote) {
    this.in = in;
    this.delimiter = delimiter;
    this.quote = quote;
  }

  /** The next record, or null at the end of the input. */
  Line next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (c != -1) {
      if (quoted) {
        if (c == quote) {
          int following = read();
          if (following == quote) {
            field.append(quote);
            text.append(quote);
          } else {
            quoted = false;
            pushedBack = following;
          }
        } else {
          field.append((char) c);
        }
        text.append((char) c);
      } else if (c == quote && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        text.append((char) c);
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        text.append((char) c);
      } else if (c == '\n') {
        break;
      } else if (c == '\r') {
        int following = read();
        if (following != '\n') {
          pushedBack = following;
        }
        break;
      } else {
        field.append((char) c);
        text.append((char) c);
      }
      c = read();
    }
    fields.add(field.toString());
    return new Line(fields, text.toString());
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }
}
