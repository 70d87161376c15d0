package dev.lakesmith.jobs.publish;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lakesmith.jobs.manifest.ManifestJson;
import java.io.IOException;
import java.time.Instant;

/**
 * The content of a dataset's lease object: who holds the table and until when. The launcher reads
 * the same record to refuse starting a cluster that would only wait.
 *
 * @param token changes with every renewal, so a taker can tell a live lease from the stale one it
 *     judged expired
 */
public record LeaseRecord(
    String dataset,
    String runId,
    String host,
    String cluster,
    String startedAt,
    String renewedAt,
    String expiresAt,
    String token) {

  private static final ObjectReader READER =
      ManifestJson.MAPPER
          .readerFor(LeaseRecord.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Where the lease of a dataset lives under an output root. */
  public static String path(String output, String dataset) {
    return output + "/_leases/" + dataset + ".json";
  }

  public boolean expiredAt(Instant now) {
    return !Instant.parse(expiresAt).isAfter(now);
  }

  /** One line naming the holder, for messages. */
  public String describe() {
    return "run "
        + runId
        + " on "
        + host
        + (cluster == null || cluster.isBlank() ? "" : " (cluster " + cluster + ")")
        + ", started "
        + startedAt
        + ", lease valid until "
        + expiresAt;
  }

  public byte[] toJson() {
    try {
      return ManifestJson.MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("lease record does not serialize", e);
    }
  }

  public static LeaseRecord parse(byte[] json) throws IOException {
    return READER.readValue(json);
  }
}
