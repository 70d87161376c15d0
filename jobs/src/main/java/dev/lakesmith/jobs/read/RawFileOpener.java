package dev.lakesmith.jobs.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Opens a raw file decompressed. Gzip is recognised by its magic bytes (Firehose objects do not
 * always end in .gz) and may hold several members; other codecs are chosen by file extension.
 */
final class RawFileOpener {
  private static final int BUFFER = 256 * 1024;

  private RawFileOpener() {}

  static InputStream open(Configuration conf, String file) throws IOException {
    Path path = new Path(file);
    InputStream stored = new BufferedInputStream(path.getFileSystem(conf).open(path), BUFFER);
    try {
      stored.mark(2);
      int first = stored.read();
      int second = stored.read();
      stored.reset();
      if (first == 0x1f && second == 0x8b) {
        return new GZIPInputStream(stored, BUFFER);
      }
      if (file.endsWith(".gz")) {
        throw new IOException("named .gz but is not gzip data");
      }
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      return codec == null ? stored : codec.createInputStream(stored);
    } catch (IOException | RuntimeException e) {
      stored.close();
      throw e;
    }
  }
}
