package dev.lakesmith.launcher.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the launcher's SDK clients (EMR, S3) from {@link AwsSettings}.
 *
 * <p>What the SDK (2.42) already does and is therefore left to it: region from {@code AWS_REGION} /
 * {@code aws.region} / profile; credentials from the default chain; endpoint overrides from {@code
 * AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_EMR}, {@code AWS_ENDPOINT_URL} (system properties
 * {@code aws.endpointUrlS3}, {@code aws.endpointUrlEmr}, {@code aws.endpointUrl}; profile {@code
 * endpoint_url}; off with {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}).
 *
 * <p>What this class adds: explicit settings for tests, path-style S3 whenever the S3 endpoint is
 * overridden (from settings or from the environment), a retry strategy that rides out throttling,
 * and the Apache HTTP client. It logs nothing; credentials never leave the SDK.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsSettings settings;
  private EmrClient emr;
  private S3Client s3;
  private boolean closed;

  private AwsClients(AwsSettings settings) {
    this.settings = settings;
  }

  /** A lazily-building holder of one EMR and one S3 client; close it to close them. */
  public static AwsClients create(AwsSettings settings) {
    return new AwsClients(java.util.Objects.requireNonNull(settings, "settings"));
  }

  public AwsSettings settings() {
    return settings;
  }

  public synchronized EmrClient emr() {
    checkOpen();
    if (emr == null) {
      emr = newEmrClient(settings);
    }
    return emr;
  }

  public synchronized S3Client s3() {
    checkOpen();
    if (s3 == null) {
      s3 = newS3Client(settings);
    }
    return s3;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (emr != null) {
      emr.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("AwsClients is closed");
    }
  }

  /** A new EMR client; the caller closes it. */
  public static EmrClient newEmrClient(AwsSettings settings) {
    var b = EmrClient.builder();
    common(b, settings, settings.effectiveEmrEndpoint());
    b.httpClientBuilder(ApacheHttpClient.builder());
    return b.build();
  }

  /**
   * A new S3 client; the caller closes it. Path-style addressing whenever an S3 endpoint override
   * is in effect, whether from {@code settings} or from the SDK's environment/profile chain.
   */
  public static S3Client newS3Client(AwsSettings settings) {
    URI explicit = settings.effectiveS3Endpoint();
    S3Client client = buildS3(settings, explicit, explicit != null);
    if (explicit == null && endpointOverride(client).isPresent()) {
      // Overridden by AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL / aws.endpointUrl* / profile: the SDK
      // resolved it; rebuild with path-style (S3-compatible stores rarely do virtual hosts).
      client.close();
      client = buildS3(settings, null, true);
    }
    return client;
  }

  /** The endpoint override the SDK resolved for this client (settings or environment), if any. */
  public static Optional<URI> endpointOverride(S3Client client) {
    return client.serviceClientConfiguration().endpointOverride();
  }

  /** The endpoint override the SDK resolved for this client (settings or environment), if any. */
  public static Optional<URI> endpointOverride(EmrClient client) {
    return client.serviceClientConfiguration().endpointOverride();
  }

  private static S3Client buildS3(AwsSettings settings, URI endpoint, boolean pathStyle) {
    S3ClientBuilder b = S3Client.builder();
    common(b, settings, endpoint);
    b.httpClientBuilder(ApacheHttpClient.builder());
    if (pathStyle) {
      b.forcePathStyle(true);
    }
    if (Boolean.TRUE.equals(settings.s3ChecksumsWhenRequired())) {
      b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
    }
    return b.build();
  }

  private static void common(AwsClientBuilder<?, ?> b, AwsSettings s, URI endpoint) {
    if (s.region() != null) {
      b.region(s.region());
    }
    if (s.credentials() != null) {
      b.credentialsProvider(s.credentials());
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    b.overrideConfiguration(
        ClientOverrideConfiguration.builder().retryStrategy(retryStrategy(s.retry())).build());
  }

  /**
   * The SDK's standard strategy with AWS retry conditions (throttling codes such as {@code
   * ThrottlingException}, 5xx, transient I/O), more attempts, separate throttling backoff, and no
   * client-side circuit breaker (a single long-polling launcher must not give up on its own after a
   * burst of throttling).
   */
  public static RetryStrategy retryStrategy(AwsSettings.Retry r) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(r.maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelay(r.baseDelay(), r.maxBackoff()))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(r.throttlingBaseDelay(), r.maxBackoff()))
        .circuitBreakerEnabled(false)
        .build();
  }
}
