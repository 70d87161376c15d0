package dev.lakesmith.jobs;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Local files under the {@code faulty://} scheme whose reads can be made to fail: a real Hadoop
 * file system, so a failure reaches the reader exactly as a storage error would. Which files fail
 * is JVM-wide state, shared with the local Spark tasks.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "faulty";
  private static final URI NAME = URI.create(SCHEME + ":///");
  private static volatile String failingName;
  private static volatile int failingRead;

  /** Every stream of a file whose name contains {@code fragment} fails on its {@code nth} read. */
  public static void failReads(String fragment, int nth) {
    failingName = fragment;
    failingRead = nth;
  }

  public static void reset() {
    failingName = null;
  }

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path file, int bufferSize) throws IOException {
    FSDataInputStream in = super.open(file, bufferSize);
    String fragment = failingName;
    if (fragment == null || !file.getName().contains(fragment)) {
      return in;
    }
    return new FSDataInputStream(new Failing(in, failingRead));
  }

  private static final class Failing extends FSInputStream {
    private final FSDataInputStream in;
    private final int failAt;
    private int reads;

    Failing(FSDataInputStream in, int failAt) {
      this.in = in;
      this.failAt = failAt;
    }

    private void count() throws IOException {
      if (++reads == failAt) {
        throw new IOException("injected: Connection reset by peer");
      }
    }

    @Override
    public int read() throws IOException {
      count();
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      count();
      return in.read(buffer, offset, length);
    }

    @Override
    public void seek(long position) throws IOException {
      in.seek(position);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long target) {
      return false;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
