package dev.lakesmith.launcher.testing;

import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3-compatible server (s3proxy 3.0.0 on jclouds) on a free loopback port, with SigV4
 * authentication against static test credentials.
 *
 * <pre>{@code
 * try (S3TestServer s3 = S3TestServer.start().createBucket("lake")) {
 *   s3.client().putObject(...);                // path-style SDK client, us-east-1
 *   AwsSettings aws = s3.awsSettings();        // for AwsClients (add .withEmrEndpoint(...))
 *   URI endpoint = s3.endpoint();              // e.g. for S3A: fs.s3a.endpoint, path style
 * }
 * }</pre>
 *
 * <p>s3proxy 3.0.0 does not verify the SDK's default trailing request checksums, so {@link
 * #awsSettings()} and {@link #client()} compute request checksums only when required (the same as
 * {@code -Daws.requestChecksumCalculation=when_required}).
 */
public final class S3TestServer implements AutoCloseable {
  public static final String ACCESS_KEY = "lakesmith-test-access-key";
  public static final String SECRET_KEY = "lakesmith-test-secret-key";
  public static final Region REGION = Region.US_EAST_1;

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final URI endpoint;
  private S3Client client;

  private S3TestServer(BlobStoreContext context) throws Exception {
    this.context = context;
    String host = InetAddress.getLoopbackAddress().getHostAddress();
    this.proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://" + host + ":0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    this.endpoint = URI.create("http://" + host + ":" + proxy.getPort());
  }

  /** In-memory (jclouds {@code transient}) blob store. */
  public static S3TestServer start() {
    return create("transient", null);
  }

  /** Blob store on the local filesystem: bucket {@code b}, key {@code k} is {@code baseDir/b/k}. */
  public static S3TestServer startFilesystem(Path baseDir) {
    return create("filesystem", baseDir);
  }

  private static S3TestServer create(String provider, Path baseDir) {
    Properties props = new Properties();
    if (baseDir != null) {
      props.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
    }
    BlobStoreContext ctx =
        ContextBuilder.newBuilder(provider)
            .credentials(ACCESS_KEY, SECRET_KEY)
            .overrides(props)
            .build(BlobStoreContext.class);
    try {
      return new S3TestServer(ctx);
    } catch (Exception e) {
      ctx.close();
      throw new IllegalStateException("cannot start s3proxy", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /**
   * Settings for {@link AwsClients}: this S3 endpoint, us-east-1, test credentials, fast retries.
   */
  public AwsSettings awsSettings() {
    return AwsSettings.explicit(REGION, endpoint, null, credentials())
        .withRetry(AwsSettings.Retry.fast(4))
        .withS3ChecksumsWhenRequired(true);
  }

  /** A shared path-style client (built by {@link AwsClients}); closed with this server. */
  public synchronized S3Client client() {
    if (client == null) {
      client = AwsClients.newS3Client(awsSettings());
    }
    return client;
  }

  /** Creates the buckets (idempotent). */
  public S3TestServer createBucket(String... buckets) {
    for (String b : buckets) {
      context.getBlobStore().createContainerInLocation(null, b);
    }
    return this;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy", e);
    } finally {
      context.close();
    }
  }
}
