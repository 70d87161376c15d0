package dev.lakesmith.jobs.read;

import dev.lakesmith.jobs.record.RawRecord;

/** What a decoder yields per record: a readable record or the reason it is not one. */
public sealed interface Decoded {
  long index();

  record Ok(long index, RawRecord record) implements Decoded {}

  record Bad(long index, String reason, String rawText) implements Decoded {}
}
