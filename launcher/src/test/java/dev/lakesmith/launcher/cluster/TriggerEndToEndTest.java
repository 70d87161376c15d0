package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.launcher.testing.EmrEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Event JSON in, curated table out: {@code trigger --wait} on a marker event stages the job jar and
 * conf in S3, creates a cluster on the EMR emulator, whose step really runs the job (local Spark,
 * S3A against the S3 server) on sample events, and ends TERMINATED with exit 0.
 */
class TriggerEndToEndTest {
  private static final Path SAMPLE =
      Path.of("..", "sample-data", "events", "events_raw", "json").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void markerEventCuratesTheSliceOnATransientCluster() throws Exception {
    EmrEmulator.Options options = new EmrEmulator.Options().workRoot(tmp.resolve("emr"));
    try (EmrHarness h =
        new EmrHarness(
            tmp,
            options,
            "lakesmith.emr.trigger.datasets = [events]\n"
                + "lakesmith.spark.\"spark.sql.shuffle.partitions\" = 4\n")) {
      h.emr.stepExecutor(new SparkStepExecutor(h.s3));
      int uploaded = 0;
      long bytes = 0;
      try (Stream<Path> files = Files.walk(SAMPLE)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> p.toString().contains("/name=account_created/d=2023-11-01/"))
                .toList()) {
          h.putRaw("events/events_raw/json/" + SAMPLE.relativize(f), Files.readAllBytes(f));
          uploaded++;
          bytes += Files.size(f);
        }
      }
      String marker = "events/events_raw/json/name=account_created/d=2023-11-01/_SUCCESS";
      h.putRaw(marker, new byte[0]);
      Path event = tmp.resolve("event.json");
      Files.writeString(event, EmrHarness.eventBridge(EmrHarness.RAW, marker));

      long start = System.nanoTime();
      EmrHarness.Result r = h.run("trigger", "--event", event.toString(), "--wait");
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.println("end-to-end trigger took " + millis + " ms");

      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().contains("marker of events 2023-11, starting its run"), r.out());
      assertTrue(r.out().contains("succeeded: 2 steps COMPLETED"), r.out());
      assertEquals(
          List.of("dev.lakesmith.jobs.CurateJob", "dev.lakesmith.jobs.RegisterJob"),
          h.emr.executedSteps().stream()
              .map(s -> s.args().get(s.args().indexOf("--class") + 1))
              .toList());
      String clusterId = h.emr.lastRequest("DescribeCluster").body().path("ClusterId").asText();
      assertEquals("TERMINATED", h.emr.clusterState(clusterId));

      List<S3Object> lake =
          h.s3.client().listObjectsV2Paginator(b -> b.bucket("lake")).contents().stream().toList();
      assertTrue(
          lake.stream()
              .anyMatch(
                  o ->
                      o.key()
                          .matches(
                              "curated/events/name=[^/]+/d=\\d{4}-\\d\\d-\\d\\d/part-.*\\.parquet")),
          lake.toString());
      S3Object manifestObject =
          lake.stream()
              .filter(o -> o.key().startsWith("curated/_runs/events/") && o.key().endsWith(".json"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no manifest in " + lake));
      JsonNode manifest =
          JSON.readTree(
              h.s3
                  .client()
                  .getObjectAsBytes(b -> b.bucket("lake").key(manifestObject.key()))
                  .asByteArray());
      assertEquals("SUCCEEDED", manifest.path("status").asText());
      assertEquals("2023-11", manifest.path("slice").asText());
      assertEquals(uploaded, manifest.path("inputs").path("files").asInt());
      assertEquals(bytes, manifest.path("inputs").path("bytes").asLong());
      JsonNode counts = manifest.path("counts");
      assertTrue(counts.path("written_new").asLong() > 0, counts.toString());
      assertEquals(
          counts.path("read").asLong(),
          counts.path("quarantined").asLong()
              + counts.path("duplicates_dropped").asLong()
              + counts.path("written_new").asLong());
      // The run conf travelled as a staged, content-addressed file.
      assertTrue(
          h.s3
              .client()
              .listObjectsV2(b -> b.bucket("artifacts").prefix("lakesmith/conf/conf-"))
              .hasContents());
    }
  }
}
