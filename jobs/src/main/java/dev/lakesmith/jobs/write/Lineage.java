package dev.lakesmith.jobs.write;

import dev.lakesmith.jobs.read.ParsedSchema;

/** Lineage columns every curated row carries. */
public final class Lineage {
  public static final String SOURCE_FILE = ParsedSchema.SOURCE_FILE;
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RUN_ID = "_run_id";

  private Lineage() {}
}
