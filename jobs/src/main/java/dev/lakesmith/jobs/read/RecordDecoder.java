package dev.lakesmith.jobs.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * Turns one raw file into records, lazily, so a large file never has to fit in memory. An {@link
 * java.io.UncheckedIOException} from the iterator means the file broke off.
 *
 * <p>Stream formats implement {@link #decode}; formats that need random access (Parquet footers)
 * override {@link #open} instead.
 */
public interface RecordDecoder extends Serializable {
  default Iterator<Decoded> decode(InputStream in, String sourceFile) throws IOException {
    throw new IOException(getClass().getSimpleName() + " cannot read a stream; it opens files");
  }

  /** Opens one file (decompressed; gzip recognised by its magic bytes) and decodes it. */
  default Records open(Configuration conf, String file) throws IOException {
    InputStream in = RawFileOpener.open(conf, file);
    try {
      return new Records(decode(in, file), in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** A file's records and what to close when they are read. */
  record Records(Iterator<Decoded> iterator, Closeable resource) implements Closeable {
    @Override
    public void close() throws IOException {
      resource.close();
    }
  }
}
