package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.util.Set;

/** Parquet output settings. */
public record WriteSettings(String compression, long maxRecordsPerFile) {
  private static final Set<String> CODECS = Set.of("snappy", "zstd", "gzip", "none", "lz4");

  public WriteSettings {
    if (!CODECS.contains(compression)) {
      throw JobFailure.config(
          "lakesmith.write.compression '" + compression + "' is not one of " + CODECS);
    }
    if (maxRecordsPerFile < 1) {
      throw JobFailure.config("lakesmith.write.max-records-per-file must be positive");
    }
  }
}
