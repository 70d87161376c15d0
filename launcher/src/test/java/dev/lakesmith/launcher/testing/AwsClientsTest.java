package dev.lakesmith.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AwsClients against the local servers, configured the way users configure the SDK. The SDK reads
 * {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL_EMR} and the system properties {@code
 * aws.endpointUrlS3}/{@code aws.endpointUrlEmr} through the same provider; a JVM cannot set its own
 * environment, so these tests use the system properties.
 */
class AwsClientsTest {
  private final Map<String, String> saved = new HashMap<>();

  private void setProperty(String k, String v) {
    saved.putIfAbsent(k, System.getProperty(k));
    System.setProperty(k, v);
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  @Test
  void endpointsAndRegionFromTheSdkChainAndPathStyleS3() {
    try (S3TestServer s3server = S3TestServer.start().createBucket("lake");
        EmrEmulator emu = EmrEmulator.start()) {
      // "localhost", not an IP: a virtual-hosted request would go to lake.localhost.
      URI s3 = URI.create("http://localhost:" + s3server.endpoint().getPort());
      setProperty("aws.endpointUrlS3", s3.toString());
      setProperty("aws.endpointUrlEmr", emu.endpoint().toString());
      setProperty("aws.region", "eu-west-1");

      AwsSettings settings =
          AwsSettings.fromEnvironment()
              .withCredentials(s3server.credentials())
              .withS3ChecksumsWhenRequired(true)
              .withRetry(AwsSettings.Retry.fast(3));
      try (AwsClients clients = AwsClients.create(settings)) {
        S3Client c = clients.s3();
        assertEquals(s3, AwsClients.endpointOverride(c).orElseThrow());
        assertEquals(
            s3 + "/lake/k",
            c.utilities().getUrl(b -> b.bucket("lake").key("k")).toString(),
            "path-style");
        c.putObject(b -> b.bucket("lake").key("k"), RequestBody.fromString("v"));
        assertEquals("v", c.getObjectAsBytes(b -> b.bucket("lake").key("k")).asUtf8String());

        EmrClient emr = clients.emr();
        assertEquals(Region.EU_WEST_1, emr.serviceClientConfiguration().region());
        assertEquals(emu.endpoint(), AwsClients.endpointOverride(emr).orElseThrow());
        emr.listClusters(b -> {});
        String scope = emu.lastRequest("ListClusters").signingScope();
        assertTrue(scope.endsWith("/eu-west-1/elasticmapreduce/aws4_request"), scope);
      }
    }
  }

  @Test
  void noOverrideMeansVirtualHostedAwsEndpoints() {
    assumeTrue(
        System.getenv().keySet().stream().noneMatch(k -> k.startsWith("AWS_ENDPOINT_URL")),
        "an AWS_ENDPOINT_URL* variable is set");
    try (S3Client c =
        AwsClients.newS3Client(
            AwsSettings.fromEnvironment()
                .withRegion(Region.US_EAST_1)
                .withCredentials(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))))) {
      assertFalse(AwsClients.endpointOverride(c).isPresent());
      String url = c.utilities().getUrl(b -> b.bucket("lake").key("k")).toString();
      assertTrue(url.startsWith("https://lake.s3.") && url.endsWith(".amazonaws.com/k"), url);
    }
  }

  @Test
  void settingsNeverPrintCredentials() {
    try (S3TestServer s3 = S3TestServer.start()) {
      String text = s3.awsSettings().toString();
      assertFalse(text.contains(S3TestServer.SECRET_KEY), text);
      assertFalse(text.contains(S3TestServer.ACCESS_KEY), text);
      assertTrue(text.contains("StaticCredentialsProvider"), text);
    }
  }
}
