package dev.lakesmith.launcher.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakesmith.core.layout.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * At most one cluster per (dataset, slice): RunJobFlow is not idempotent, so before creating a
 * cluster the launcher claims the slice by creating {@code
 * <staging>/claims/<dataset>/<slice>/<generation>.json} with {@code If-None-Match: *} (S3 refuses
 * the second writer with 412). A claim stays in force while its cluster is active, or, before the
 * cluster id is recorded, for {@code claim-timeout}; after that the next generation may be claimed,
 * so a finished or abandoned run never blocks the slice and no release step is needed.
 */
public final class SliceClaims {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final S3Location root;
  private final Duration timeout;
  private final Predicate<String> clusterActive;
  private final Clock clock;

  /** A claim this launcher holds. */
  public record Claim(String dataset, String slice, String runId, S3Location location) {}

  /** The result of trying to claim: {@code claim} when won, else why the slice is busy. */
  public record Outcome(Optional<Claim> claim, String busyReason) {
    public boolean won() {
      return claim.isPresent();
    }
  }

  /**
   * @param clusterActive whether a cluster id is still starting or running (not terminated)
   */
  public SliceClaims(
      S3Client s3,
      S3Location staging,
      Duration timeout,
      Predicate<String> clusterActive,
      Clock clock) {
    this.s3 = s3;
    this.root = staging.resolve("claims");
    this.timeout = timeout;
    this.clusterActive = clusterActive;
    this.clock = clock;
  }

  public Outcome claim(String dataset, String slice, String runId) {
    S3Location dir = root.resolve(dataset).resolve(slice);
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<S3Object> latest = latest(dir);
      long next = 1;
      if (latest.isPresent()) {
        JsonNode held = read(dir, latest.get().key());
        Optional<String> busy = busy(held);
        if (busy.isPresent()) {
          return new Outcome(Optional.empty(), busy.get());
        }
        next = generation(latest.get().key()) + 1;
      }
      S3Location at = dir.resolve(String.format("%08d.json", next));
      ObjectNode body = JSON.createObjectNode();
      body.put("dataset", dataset).put("slice", slice).put("run_id", runId);
      body.put("claimed_at", clock.instant().toString());
      try {
        s3.putObject(
            b -> b.bucket(at.bucket()).key(at.key()).ifNoneMatch("*"),
            RequestBody.fromString(body.toString()));
        // Read back: S3 itself is atomic here, but some S3-compatible stores check-then-write.
        if (runId.equals(read(dir, at.key()).path("run_id").asText())) {
          return new Outcome(Optional.of(new Claim(dataset, slice, runId, at)), null);
        }
      } catch (S3Exception e) {
        if (e.statusCode() != 412 && e.statusCode() != 409) {
          throw e;
        }
        // another launcher took this generation first: look again
      }
    }
    return new Outcome(Optional.empty(), "the claim kept changing under concurrent launchers");
  }

  /**
   * Whether the claim is still this launcher's. S3's conditional put is atomic, but a store that
   * checks then writes can let a concurrent launcher replace a claim after its read-back; checked
   * again just before the cluster is created, such a race is lost by one side only.
   */
  public boolean stillHeld(Claim claim) {
    return claim
        .runId()
        .equals(read(claim.location(), claim.location().key()).path("run_id").asText());
  }

  /** Records the cluster created for a claim, so the claim lasts exactly as long as the cluster. */
  public void attach(Claim claim, String clusterId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dataset", claim.dataset()).put("slice", claim.slice()).put("run_id", claim.runId());
    body.put("claimed_at", clock.instant().toString()).put("cluster_id", clusterId);
    S3Location at = claim.location();
    s3.putObject(b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromString(body.toString()));
  }

  private Optional<String> busy(JsonNode held) {
    String runId = held.path("run_id").asText("?");
    String cluster = held.path("cluster_id").asText(null);
    if (cluster != null) {
      return clusterActive.test(cluster)
          ? Optional.of("run " + runId + " holds it on cluster " + cluster)
          : Optional.empty();
    }
    Instant claimedAt = Instant.parse(held.path("claimed_at").asText(Instant.EPOCH.toString()));
    return claimedAt.plus(timeout).isAfter(clock.instant())
        ? Optional.of(
            "run " + runId + " claimed it at " + claimedAt + " and is creating its cluster")
        : Optional.empty();
  }

  private Optional<S3Object> latest(S3Location dir) {
    return s3
        .listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.prefix()))
        .contents()
        .stream()
        .filter(o -> o.key().endsWith(".json"))
        .max(Comparator.comparing(S3Object::key));
  }

  private JsonNode read(S3Location dir, String key) {
    try {
      return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(dir.bucket()).key(key)).asByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable claim s3://" + dir.bucket() + "/" + key, e);
    }
  }

  private static long generation(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length());
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
