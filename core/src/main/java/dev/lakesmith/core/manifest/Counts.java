package dev.lakesmith.core.manifest;

import dev.lakesmith.core.JobFailure;

/**
 * The run's accounting: every record read is quarantined, dropped as a duplicate, or written as
 * new. {@code replacedExisting} counts curated rows a newer record superseded (not part of the
 * identity).
 */
public record Counts(
    long read, long quarantined, long duplicatesDropped, long writtenNew, long replacedExisting) {

  public boolean identityHolds() {
    return read == quarantined + duplicatesDropped + writtenNew;
  }

  public Counts checked() {
    if (!identityHolds()) {
      throw new JobFailure(
          JobFailure.BAD_INPUT,
          "internal accounting error: read "
              + read
              + " != quarantined "
              + quarantined
              + " + duplicates "
              + duplicatesDropped
              + " + written "
              + writtenNew
              + "; nothing was published, please report this");
    }
    return this;
  }
}
