package dev.lakesmith.core.layout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lakesmith.core.manifest.ManifestJson;
import java.io.IOException;
import java.time.Instant;

/**
 * The content of a dataset's lease object: who holds the table and until when. The launcher reads
 * the same record to refuse starting a cluster that would only wait.
 *
 * @param token changes with every renewal, so a taker can tell a live lease from the stale one it
 *     judged expired
 * @param pid the holder's process id on {@code host} (absent in records of older versions): a
 *     holder killed on the same host is known to be gone before its lease expires
 */
public record LeaseRecord(
    String dataset,
    String runId,
    String host,
    String cluster,
    String startedAt,
    String renewedAt,
    String expiresAt,
    String token,
    Long pid) {

  /** A record that names no process (the holder's process is judged by expiry alone). */
  public LeaseRecord(
      String dataset,
      String runId,
      String host,
      String cluster,
      String startedAt,
      String renewedAt,
      String expiresAt,
      String token) {
    this(dataset, runId, host, cluster, startedAt, renewedAt, expiresAt, token, null);
  }

  private static final ObjectReader READER =
      ManifestJson.MAPPER
          .readerFor(LeaseRecord.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Where the lease of a dataset lives under an output root. */
  public static String path(String output, String dataset) {
    return OutputLayout.lease(output, dataset);
  }

  public boolean expiredAt(Instant now) {
    return !Instant.parse(expiresAt).isAfter(now);
  }

  /**
   * Whether the holder is gone: its lease expired, or it was a process on {@code thisHost} that no
   * longer runs (killed, so its lease is not waited out).
   */
  public boolean endedAt(Instant now, String thisHost) {
    return expiredAt(now)
        || (pid != null
            && host.equals(thisHost)
            && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
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
