package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;

/** How many raw files one read task takes: small files are packed, large ones spread. */
public record ReadSettings(long targetSplitBytes, int minSplitsPerCore) {
  public ReadSettings {
    if (targetSplitBytes < 1024) {
      throw JobFailure.config(
          "lakesmith.read.target-split-bytes " + targetSplitBytes + " is too small; use e.g. 64m");
    }
    if (minSplitsPerCore < 1) {
      throw JobFailure.config("lakesmith.read.min-splits-per-core must be at least 1");
    }
  }
}
