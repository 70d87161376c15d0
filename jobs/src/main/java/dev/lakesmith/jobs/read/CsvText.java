package dev.lakesmith.jobs.read;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of one CSV file as the parser reads them, with the text of the record being read
 * kept so that it can be read again.
 *
 * <p>Line ends become {@code \n}: {@code \r\n} and a lone {@code \r} end a record as well, as
 * spreadsheets on any system write them (also inside quoted fields). A leading byte order mark is
 * dropped. Offsets count the characters delivered after that. The parser reads ahead of the record
 * it returns, so when a record turns out broken (a quote left open swallows the lines after it),
 * {@link #rewind} serves the kept text again from the record's second line and the parser starts
 * over there; {@link #forget} drops what no record can need any more, so memory stays at one record
 * plus the parser's read-ahead.
 */
final class CsvText extends Reader {
  private static final char BOM = '\uFEFF';

  /** Kept text dropped in pieces at least this long, so dropping stays cheap per character. */
  private static final int FORGET_AT_LEAST = 64 * 1024;

  private final Reader source;
  private final StringBuilder kept = new StringBuilder();
  private long keptFrom;
  private long position;
  private boolean started;
  private boolean afterCr;

  CsvText(Reader source) {
    this.source = source;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    long keptEnd = keptFrom + kept.length();
    if (position < keptEnd) {
      int from = (int) (position - keptFrom);
      int count = (int) Math.min(length, keptEnd - position);
      kept.getChars(from, from + count, buffer, offset);
      position += count;
      return count;
    }
    int count = readSource(buffer, offset, length);
    if (count > 0) {
      kept.append(buffer, offset, count);
      position += count;
    }
    return count;
  }

  /** The offset of the next character read. */
  long position() {
    return position;
  }

  /** The kept text from {@code from} (inclusive) to {@code to} (exclusive). */
  String text(long from, long to) {
    return kept.substring((int) (from - keptFrom), (int) (to - keptFrom));
  }

  /** The kept text of the line starting at {@code from}, without its end, at most {@code max}. */
  String line(long from, int max) {
    int start = (int) (from - keptFrom);
    int end = (int) Math.min(kept.length(), (long) start + max);
    int newline = kept.indexOf("\n", start);
    return kept.substring(start, newline >= 0 && newline < end ? newline : end);
  }

  /** Text before {@code offset} will not be asked for again. */
  void forget(long offset) {
    int drop = (int) (offset - keptFrom);
    if (drop >= FORGET_AT_LEAST) {
      kept.delete(0, drop);
      keptFrom = offset;
    }
  }

  /**
   * The offset after the line that {@code from} is on (after its {@code \n}, or the end of the
   * input), reading on past what the parser read if the line is longer; the part of a long line
   * beyond what was kept is skipped, not kept.
   */
  long endOfLine(long from) throws IOException {
    int at = kept.indexOf("\n", (int) (from - keptFrom));
    if (at >= 0) {
      return keptFrom + at + 1;
    }
    long offset = keptFrom + kept.length();
    char[] buffer = new char[8192];
    int count;
    while ((count = readSource(buffer, 0, buffer.length)) > 0) {
      for (int i = 0; i < count; i++) {
        if (buffer[i] == '\n') {
          restart(offset + i + 1);
          kept.append(buffer, i + 1, count - i - 1);
          return offset + i + 1;
        }
      }
      offset += count;
    }
    restart(offset);
    return offset;
  }

  /** Reading continues at {@code offset}, which is kept (or the end of what was read). */
  void rewind(long offset) {
    kept.delete(0, (int) (offset - keptFrom));
    keptFrom = offset;
    position = offset;
  }

  private void restart(long offset) {
    kept.setLength(0);
    keptFrom = offset;
    position = offset;
  }

  /** Reads from the source with line ends made {@code \n} and a leading byte order mark dropped. */
  private int readSource(char[] buffer, int offset, int length) throws IOException {
    while (true) {
      int count = source.read(buffer, offset, length);
      if (count < 0) {
        return -1;
      }
      int out = offset;
      for (int i = offset; i < offset + count; i++) {
        char c = buffer[i];
        if (!started) {
          started = true;
          if (c == BOM) {
            continue;
          }
        }
        if (c == '\n' && afterCr) {
          afterCr = false;
          continue;
        }
        afterCr = c == '\r';
        buffer[out++] = afterCr ? '\n' : c;
      }
      if (out > offset) {
        return out - offset;
      }
    }
  }

  /** The parser closes its input when it stops; the file is closed by whoever opened it. */
  @Override
  public void close() {}
}
