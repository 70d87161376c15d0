package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.io.Serializable;
import java.util.List;

/**
 * Rows sharing {@code key} are one fact; one survives.
 *
 * @param preferMax columns compared first (largest value wins), e.g. a report time
 * @param keep tie-break by ingestion: rows already curated were ingested before this run
 */
public record DedupeSpec(List<String> key, List<String> preferMax, Keep keep)
    implements Serializable {

  public enum Keep {
    EARLIEST_INGESTED,
    LATEST_INGESTED
  }

  public DedupeSpec {
    key = List.copyOf(key);
    preferMax = List.copyOf(preferMax);
    if (key.isEmpty()) {
      throw JobFailure.config("dedupe.key is empty; list the columns that identify one fact");
    }
  }
}
