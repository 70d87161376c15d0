package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;

/**
 * How raw files are read: how many files one read task takes (small files are packed, large ones
 * spread) and the largest record (JSON) or field (CSV) held in memory, so one hostile record cannot
 * exhaust a task.
 */
public record ReadSettings(
    long targetSplitBytes, int minSplitsPerCore, int maxRecordBytes, int maxCsvFieldChars) {
  /** Java arrays stop a little short of 2 GiB. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  public ReadSettings {
    if (targetSplitBytes < 1024) {
      throw JobFailure.config(
          "lakesmith.read.target-split-bytes " + targetSplitBytes + " is too small; use e.g. 64m");
    }
    if (minSplitsPerCore < 1) {
      throw JobFailure.config("lakesmith.read.min-splits-per-core must be at least 1");
    }
    if (maxRecordBytes < 1024) {
      throw JobFailure.config(
          "lakesmith.read.max-record-bytes " + maxRecordBytes + " is too small; use e.g. 16m");
    }
    if (maxCsvFieldChars < 1024) {
      throw JobFailure.config(
          "lakesmith.read.max-csv-field-chars "
              + maxCsvFieldChars
              + " is too small; use e.g. 1000000");
    }
  }

  /** {@code max-record-bytes} as configured, checked to fit one Java array. */
  static int maxRecordBytes(long configured) {
    if (configured > MAX_ARRAY) {
      throw JobFailure.config(
          "lakesmith.read.max-record-bytes "
              + configured
              + " is over what one record buffer can hold; use at most 1g");
    }
    return (int) configured;
  }
}
