package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.util.Set;

/**
 * Parquet output settings.
 *
 * @param rowGroupBytes the row group size a Parquet writer buffers before it writes one out: a task
 *     holds one open writer per partition it writes, so this bounds memory the heap must spare
 */
public record WriteSettings(String compression, long maxRecordsPerFile, long rowGroupBytes) {
  private static final Set<String> CODECS = Set.of("snappy", "zstd", "gzip", "none", "lz4");
  private static final long MIN_ROW_GROUP = 1L << 20;
  private static final long MAX_ROW_GROUP = 1L << 30;

  public WriteSettings {
    if (!CODECS.contains(compression)) {
      throw JobFailure.config(
          "lakesmith.write.compression '" + compression + "' is not one of " + CODECS);
    }
    if (maxRecordsPerFile < 1) {
      throw JobFailure.config("lakesmith.write.max-records-per-file must be positive");
    }
    if (rowGroupBytes < MIN_ROW_GROUP || rowGroupBytes > MAX_ROW_GROUP) {
      throw JobFailure.config(
          "lakesmith.write.row-group-size "
              + rowGroupBytes
              + " bytes is outside 1m..1g; use e.g. 32m");
    }
  }
}
