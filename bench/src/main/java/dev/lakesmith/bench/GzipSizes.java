package dev.lakesmith.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The largest inflated size among a directory tree's gzip files, read from each file's trailer
 * without inflating anything: the DuckDB contestant reads files as text lines, and a concatenated
 * file is one line, so its line and buffer sizes must fit the largest file (DuckDB's default buffer
 * of 32 MB per file makes that reader several times slower on thousands of small files).
 */
final class GzipSizes {
  private GzipSizes() {}

  static long largestInflated(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".gz"))
          .mapToLong(GzipSizes::inflatedSize)
          .max()
          .orElse(0);
    }
  }

  /** ISIZE, the last four bytes of a gzip member: its inflated size modulo 2^32. */
  static long inflatedSize(Path gzip) {
    try (RandomAccessFile file = new RandomAccessFile(gzip.toFile(), "r")) {
      if (file.length() < 18) {
        return 0;
      }
      file.seek(file.length() - 4);
      byte[] size = new byte[4];
      file.readFully(size);
      return (size[0] & 0xffL)
          | (size[1] & 0xffL) << 8
          | (size[2] & 0xffL) << 16
          | (size[3] & 0xffL) << 24;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gzip trailer of " + gzip, e);
    }
  }
}
