package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.validate.QuarantineReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Splits a byte stream of JSON objects into one frame per object, whether they are newline-delimited
 * or concatenated with no delimiter ({@code {..}{..}}), which Spark's line-based JSON reader turns
 * into one corrupt record.
 *
 * <p>Records are compact (one line each), so a raw newline inside an unfinished object marks a
 * truncated record; framing resumes on the next line. Text that does not start an object is framed
 * up to the next line or {@code {} as garbage.
 *
 * <p>A record longer than {@code maxRecordBytes} is framed as a problem: the framer scans on to its
 * end but keeps only its first bytes (at most {@link #OVERSIZE_PREFIX}), so one hostile record
 * costs bounded memory however long it is.
 *
 * <p>Why our own code and not a library: Jackson parses each framed record, but cannot do the
 * framing. Its parser reads concatenated root values, yet after the first syntax error (a record
 * cut short by the producer) it cannot find the next record, so the rest of the file would be
 * lost; it cannot skip an oversized record without holding it; and Spark's JSON source splits at
 * line ends only, which turns a {@code {..}{..}} file into one corrupt record. Framing needs only
 * string and nesting state, and scanning the bytes in place (no copy per record) was part of the
 * reader round that took a single-thread read of the 13,058-file benchmark corpus from 8.1 s to
 * 3.3 s (bench/README.md).
 */
final class JsonStreamFramer implements Iterator<JsonStreamFramer.Frame> {
  /** One framed record; {@code problem} is null when the object is complete. */
  record Frame(byte[] bytes, int length, String problem) {
    String text() {
      return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** What is kept of a record over the size limit, for its quarantine row. */
  static final int OVERSIZE_PREFIX = 64 * 1024;

  private static final int EOF = -1;
  private static final long MAX = Integer.MAX_VALUE - 8;
  private final InputStream in;
  private final boolean multilineRecords;
  private final int maxRecordBytes;
  private final int oversizeKept;
  private long recordBytes;
  private final byte[] inBuffer = new byte[16 * 1024];
  private int inPos;
  private int inLimit;
  private byte[] buffer = new byte[4096];
  private int length;
  private int pushedBack = EOF - 1;
  private Frame next;
  private boolean started;

  JsonStreamFramer(InputStream in, boolean multilineRecords, int maxRecordBytes) {
    this.in = in;
    this.multilineRecords = multilineRecords;
    this.maxRecordBytes = maxRecordBytes;
    this.oversizeKept = Math.min(OVERSIZE_PREFIX, maxRecordBytes);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = readFrame();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public Frame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Frame frame = next;
    next = null;
    return frame;
  }

  private int read() throws IOException {
    if (pushedBack >= EOF) {
      int b = pushedBack;
      pushedBack = EOF - 1;
      return b;
    }
    if (inPos == inLimit && !fill()) {
      return EOF;
    }
    return inBuffer[inPos++] & 0xFF;
  }

  private Frame readFrame() throws IOException {
    int b = read();
    if (!started) {
      started = true;
      if (b == 0xEF && read() == 0xBB && read() == 0xBF) {
        b = read();
      }
    }
    while (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
      b = read();
    }
    if (b == EOF) {
      return null;
    }
    length = 0;
    recordBytes = 0;
    if (b != '{') {
      while (b != EOF && b != '\n' && b != '{') {
        append(b);
        b = read();
      }
      if (b == '{') {
        pushedBack = b;
      }
      return frame("not a JSON object");
    }
    return object();
  }

  /**
   * The rest of an object whose {@code {} was just read. Scans the input buffer in place (this is
   * the per-byte hot loop of reading JSON) and copies each scanned run once.
   */
  private Frame object() throws IOException {
    append('{');
    int depth = 1;
    boolean inString = false;
    boolean escaped = false;
    while (true) {
      if (inPos == inLimit && !fill()) {
        return frame("truncated record: the file ends before the object is closed");
      }
      byte[] bytes = inBuffer;
      int start = inPos;
      int limit = inLimit;
      for (int pos = start; pos < limit; pos++) {
        byte b = bytes[pos];
        if (inString) {
          if (b == '\n') {
            appendRange(start, pos);
            inPos = pos + 1;
            return frame("truncated record: the line ends inside a string");
          }
          if (escaped) {
            escaped = false;
          } else if (b == '\\') {
            escaped = true;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          if (--depth == 0) {
            appendRange(start, pos + 1);
            inPos = pos + 1;
            return frame(null);
          }
        } else if (b == '\n' && !multilineRecords) {
          appendRange(start, pos);
          inPos = pos + 1;
          return frame("truncated record: the line ends before the object is closed");
        }
      }
      appendRange(start, limit);
      inPos = limit;
    }
  }

  private boolean fill() throws IOException {
    inLimit = in.read(inBuffer, 0, inBuffer.length);
    inPos = 0;
    if (inLimit <= 0) {
      inLimit = 0;
      return false;
    }
    return true;
  }

  private void appendRange(int from, int to) {
    int count = to - from;
    recordBytes += count;
    if (recordBytes > maxRecordBytes) {
      length = Math.min(length, oversizeKept);
      count = Math.min(count, oversizeKept - length);
    }
    if (length + count > buffer.length) {
      buffer =
          Arrays.copyOf(buffer, (int) Math.min(Math.max(buffer.length * 2L, length + count), MAX));
    }
    System.arraycopy(inBuffer, from, buffer, length, count);
    length += count;
  }

  private void append(int b) {
    recordBytes++;
    if (recordBytes > maxRecordBytes && length >= oversizeKept) {
      length = oversizeKept;
      return;
    }
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(buffer.length * 2L, MAX));
    }
    buffer[length++] = (byte) b;
  }

  private Frame frame(String problem) {
    if (recordBytes > maxRecordBytes) {
      problem =
          new QuarantineReason(
                  "record over size limit",
                  String.format(Locale.ROOT, "%,d bytes", recordBytes)
                      + ", over the limit of "
                      + QuarantineReason.bytes(maxRecordBytes)
                      + " (lakesmith.read.max-record-bytes)"
                      + (problem == null ? "" : "; " + problem))
              .text();
    }
    return new Frame(Arrays.copyOf(buffer, length), length, problem);
  }
}
