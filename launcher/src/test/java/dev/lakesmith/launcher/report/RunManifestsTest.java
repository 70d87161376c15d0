package dev.lakesmith.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Manifests read from S3 the way they are from a directory: newest first, unreadable apart. */
class RunManifestsTest {
  private static RunManifest run(String runId, String startedAt) {
    return TestManifests.run(
        runId,
        RunManifest.SUCCEEDED,
        "2023-11",
        startedAt,
        null,
        null,
        List.of(),
        null,
        List.of(),
        null);
  }

  @Test
  void readsTheDatasetsManifestsFromS3NewestFirst() throws Exception {
    try (S3TestServer server = S3TestServer.start().createBucket("lake")) {
      S3Client s3 = server.client();
      put(
          s3,
          "out/_runs/events/r1.json",
          ManifestJson.MAPPER.writeValueAsString(run("r1", "2023-11-01T00:00:00Z")));
      put(
          s3,
          "out/_runs/events/r2.json",
          ManifestJson.MAPPER.writeValueAsString(run("r2", "2023-11-02T00:00:00Z")));
      put(s3, "out/_runs/events/broken.json", "{not json");
      put(s3, "out/_runs/events/logs/x.json", "{}");
      put(
          s3,
          "out/_runs/other/r3.json",
          ManifestJson.MAPPER.writeValueAsString(run("r3", "2023-11-03T00:00:00Z")));

      RunManifests found = RunManifests.load("s3://lake/out/", "events", () -> s3);

      assertEquals("s3://lake/out/_runs/events", found.location());
      assertEquals(List.of("r2", "r1"), found.runs().stream().map(RunManifest::runId).toList());
      assertEquals(1, found.unreadable().size());
      assertTrue(found.unreadable().get(0).startsWith("s3://lake/out/_runs/events/broken.json: "));
    }
  }

  private static void put(S3Client s3, String key, String body) {
    s3.putObject(b -> b.bucket("lake").key(key), RequestBody.fromString(body));
  }
}
