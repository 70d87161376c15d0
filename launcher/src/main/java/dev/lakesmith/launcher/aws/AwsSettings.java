package dev.lakesmith.launcher.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How {@link AwsClients} builds its SDK clients. Every {@code null} component means "use the SDK's
 * standard chain": region from {@code AWS_REGION}/{@code aws.region}/profile, endpoints from {@code
 * AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL_EMR}/{@code AWS_ENDPOINT_URL} (and their system
 * properties and profile keys), credentials from the default provider chain.
 *
 * <p>{@link #toString()} never prints credentials: only the provider's class name.
 *
 * @param region signing region, or null for the SDK's region chain
 * @param endpoint endpoint for every service (like {@code AWS_ENDPOINT_URL}), or null
 * @param s3Endpoint S3 endpoint (wins over {@code endpoint}), or null
 * @param emrEndpoint EMR endpoint (wins over {@code endpoint}), or null
 * @param credentials credentials provider, or null for the SDK's default chain
 * @param retry retry/backoff for every client
 * @param s3ChecksumsWhenRequired TRUE: S3 request checksums only where the API requires them (for
 *     S3-compatible stores that reject the SDK's default trailing CRC32 checksums); null: SDK chain
 *     ({@code AWS_REQUEST_CHECKSUM_CALCULATION}, profile)
 */
public record AwsSettings(
    Region region,
    URI endpoint,
    URI s3Endpoint,
    URI emrEndpoint,
    AwsCredentialsProvider credentials,
    Retry retry,
    Boolean s3ChecksumsWhenRequired) {

  public AwsSettings {
    Objects.requireNonNull(retry, "retry");
  }

  /**
   * Retry/backoff. Throttling errors ({@code ThrottlingException}, {@code Throttling}, HTTP 429…)
   * back off from {@code throttlingBaseDelay}, other retryable errors from {@code baseDelay}, both
   * exponential with full jitter and capped at {@code maxBackoff}.
   */
  public record Retry(
      int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff) {
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(throttlingBaseDelay, "throttlingBaseDelay");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** For a long-running launcher: 10 attempts, 100 ms / 1 s (throttling) base, 20 s cap. */
    public static Retry defaults() {
      return new Retry(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));
    }

    /** Fast retries for tests against local emulators. */
    public static Retry fast(int maxAttempts) {
      return new Retry(
          maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(200));
    }
  }

  /** Everything from the SDK's standard chain (the production default). */
  public static AwsSettings fromEnvironment() {
    return new AwsSettings(null, null, null, null, null, Retry.defaults(), null);
  }

  /** Explicit settings, e.g. for tests against local emulators. */
  public static AwsSettings explicit(
      Region region, URI s3Endpoint, URI emrEndpoint, AwsCredentialsProvider credentials) {
    return new AwsSettings(
        Objects.requireNonNull(region, "region"),
        null,
        s3Endpoint,
        emrEndpoint,
        Objects.requireNonNull(credentials, "credentials"),
        Retry.defaults(),
        null);
  }

  public AwsSettings withRegion(Region r) {
    return new AwsSettings(
        r, endpoint, s3Endpoint, emrEndpoint, credentials, retry, s3ChecksumsWhenRequired);
  }

  public AwsSettings withEmrEndpoint(URI e) {
    return new AwsSettings(
        region, endpoint, s3Endpoint, e, credentials, retry, s3ChecksumsWhenRequired);
  }

  public AwsSettings withCredentials(AwsCredentialsProvider c) {
    return new AwsSettings(
        region, endpoint, s3Endpoint, emrEndpoint, c, retry, s3ChecksumsWhenRequired);
  }

  public AwsSettings withRetry(Retry r) {
    return new AwsSettings(
        region, endpoint, s3Endpoint, emrEndpoint, credentials, r, s3ChecksumsWhenRequired);
  }

  public AwsSettings withS3ChecksumsWhenRequired(Boolean b) {
    return new AwsSettings(region, endpoint, s3Endpoint, emrEndpoint, credentials, retry, b);
  }

  /** The S3 endpoint set explicitly here (not from the environment), or null. */
  public URI effectiveS3Endpoint() {
    return s3Endpoint != null ? s3Endpoint : endpoint;
  }

  /** The EMR endpoint set explicitly here (not from the environment), or null. */
  public URI effectiveEmrEndpoint() {
    return emrEndpoint != null ? emrEndpoint : endpoint;
  }

  @Override
  public String toString() {
    return "AwsSettings[region="
        + (region == null ? "<sdk chain>" : region.id())
        + ", endpoint="
        + orChain(endpoint)
        + ", s3Endpoint="
        + orChain(s3Endpoint)
        + ", emrEndpoint="
        + orChain(emrEndpoint)
        + ", credentials="
        + (credentials == null ? "<sdk chain>" : credentials.getClass().getSimpleName())
        + ", retry="
        + retry
        + ", s3ChecksumsWhenRequired="
        + (s3ChecksumsWhenRequired == null ? "<sdk chain>" : s3ChecksumsWhenRequired)
        + "]";
  }

  private static String orChain(URI u) {
    return u == null ? "<sdk chain>" : u.toString();
  }
}
