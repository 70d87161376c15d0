package dev.lakesmith.jobs.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Opens a raw file decompressed. Gzip is recognised by its magic bytes (Firehose objects do not
 * always end in .gz) and may hold several members ({@link GzipInput}); other codecs are chosen by
 * file extension. Local files skip Hadoop's checksum layer (a {@code .crc} lookup per file).
 */
final class RawFileOpener {
  /**
   * The file system stream's own buffer: only the two magic bytes go through it (larger reads pass
   * it by), and Hadoop's default (64 KB under Spark), allocated and zeroed per file, was 5% of
   * reading 13,000 small Firehose files.
   */
  private static final int STREAM_BUFFER = 4 * 1024;

  private static final int BUFFER = 256 * 1024;

  private RawFileOpener() {}

  /**
   * The file system holding raw input. Raw data carries no Hadoop {@code .crc} files, so local
   * input skips the checksum layer (one extra lookup per file).
   */
  static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  static InputStream open(Configuration conf, String file) throws IOException {
    Path path = new Path(file);
    PushbackInputStream stored =
        new PushbackInputStream(fileSystem(path, conf).open(path, STREAM_BUFFER), 2);
    try {
      byte[] magic = stored.readNBytes(2);
      stored.unread(magic);
      if (magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
        return GzipInput.open(stored);
      }
      if (file.endsWith(".gz")) {
        throw new ReadFailures.CorruptData("named .gz but is not gzip data");
      }
      InputStream buffered = new BufferedInputStream(stored, BUFFER);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      return codec == null ? buffered : codec.createInputStream(buffered);
    } catch (IOException | RuntimeException e) {
      stored.close();
      throw e;
    }
  }
}
