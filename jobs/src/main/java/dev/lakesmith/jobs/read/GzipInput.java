package dev.lakesmith.jobs.read;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A gzip file's members, decompressed one after the other, with every byte of the file accounted
 * for. java.util.zip's stream ends quietly when the bytes after a member are no further member
 * (text appended to a {@code .gz}, a second member cut inside its header) and looks for a next
 * member only while {@code available()} says so; the rest of such a file would vanish without a
 * quarantine row. Commons Compress (on Spark's class path) reads on until the file ends and rejects
 * what is no member, but reports that as a plain {@link IOException}, as an I/O failure would be:
 * so the file's own stream is watched, and a failure the decompressor raises while that stream has
 * not failed is about the bytes ({@link ReadFailures.CorruptData}, the file's quarantine row),
 * while the stream's own failures pass unchanged (Spark retries the task).
 */
final class GzipInput extends InputStream {
  private final GzipCompressorInputStream gzip;
  private final Watched file;
  private IOException failed;

  private GzipInput(GzipCompressorInputStream gzip, Watched file) {
    this.gzip = gzip;
    this.file = file;
  }

  /** Decompresses {@code file}, which starts with the gzip magic bytes. */
  static InputStream open(InputStream file) throws IOException {
    Watched watched = new Watched(file);
    try {
      return new GzipInput(new GzipCompressorInputStream(watched, true), watched);
    } catch (IOException e) {
      throw watched.classify(e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xFF;
  }

  /**
   * The decompressor checks what follows a member in the same call that inflated the member's last
   * bytes, and a failure there would drop those bytes: they are returned first, the failure on the
   * next call.
   */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (failed != null) {
      throw failed;
    }
    long before = gzip.getBytesRead();
    try {
      return gzip.read(buffer, offset, length);
    } catch (IOException e) {
      failed = file.classify(e);
      int inflated = (int) (gzip.getBytesRead() - before);
      if (inflated > 0) {
        return inflated;
      }
      throw failed;
    }
  }

  @Override
  public void close() throws IOException {
    gzip.close();
  }

  /** The compressed file's stream, remembering whether it failed itself. */
  private static final class Watched extends FilterInputStream {
    private boolean failed;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    IOException classify(IOException e) {
      if (failed || e instanceof ReadFailures.CorruptData) {
        return e;
      }
      ReadFailures.CorruptData corrupt =
          new ReadFailures.CorruptData(
              e instanceof EOFException
                  ? "gzip data ends inside a member (the file was cut short)"
                  : "gzip data is corrupt: " + ReadFailures.describe(e));
      corrupt.initCause(e);
      return corrupt;
    }
  }
}
