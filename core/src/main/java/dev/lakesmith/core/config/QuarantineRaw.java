package dev.lakesmith.core.config;

import dev.lakesmith.core.ContentHash;

/**
 * What a quarantine row keeps of a rejected record ({@code quarantine.raw} of a dataset): the raw
 * text, or only its SHA-256 for datasets whose raw text must not be copied (personal data), which
 * still lets an operator match a quarantined record against the raw file.
 */
public enum QuarantineRaw {
  TEXT,
  SHA256;

  private static final String HASH_PREFIX = "sha256:";

  /** What to store for {@code raw}: the text (cut to {@code maxChars}) or its hash. */
  public String keep(String raw, int maxChars) {
    if (raw == null) {
      return null;
    }
    if (this == TEXT) {
      return raw.length() <= maxChars ? raw : raw.substring(0, maxChars);
    }
    return HASH_PREFIX + ContentHash.of(raw);
  }
}
