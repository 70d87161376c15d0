package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.launcher.testing.EmrEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An Iceberg run undone on EMR: {@code run --wait} curates sample events into an Iceberg table on
 * the S3 server, then {@code rollback --emr --wait} runs the job's rollback for real as its
 * cluster's only step (local Spark, S3A against the S3 server). The table's newest metadata names
 * the rollback, and a second rollback of the same run is refused by the job on its cluster.
 */
class RollbackEndToEndTest {
  private static final Path SAMPLE =
      Path.of("..", "sample-data", "events", "events_raw", "json").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";

  @TempDir Path tmp;

  @Test
  void anIcebergRunIsRolledBackOnATransientCluster() throws Exception {
    try (EmrHarness h =
        new EmrHarness(
            tmp,
            new EmrEmulator.Options().workRoot(tmp.resolve("emr")),
            "lakesmith.spark.\"spark.sql.shuffle.partitions\" = 4\n")) {
      h.emr.stepExecutor(new SparkStepExecutor(h.s3));
      try (Stream<Path> files = Files.walk(SAMPLE)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> p.toString().contains("/name=account_created/d=2023-11-01/"))
                .toList()) {
          h.putRaw("events/events_raw/json/" + SAMPLE.relativize(f), Files.readAllBytes(f));
        }
      }
      EmrHarness.Result curated =
          h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait", "--conf", ICEBERG);
      assertEquals(0, curated.exit(), curated.all());
      JsonNode manifest = json(h, only(h, "curated/_runs/events/", ".json"));
      String runId = manifest.path("run_id").asText();
      long snapshot = manifest.path("iceberg_snapshot_id").asLong();
      assertTrue(snapshot != 0, manifest.toString());

      EmrHarness.Result undone =
          h.run(
              "rollback",
              "--emr",
              "--dataset",
              "events",
              "--run-id",
              runId,
              "--wait",
              "--conf",
              ICEBERG);
      EmrHarness.Result again =
          h.run(
              "rollback",
              "--emr",
              "--dataset",
              "events",
              "--run-id",
              runId,
              "--wait",
              "--conf",
              ICEBERG);

      assertEquals(0, undone.exit(), undone.all());
      assertTrue(
          undone.out().contains("lakesmith: rollback of events run " + runId + " succeeded"),
          undone.out());
      // The run made the table's first snapshot: undone, the table has no current snapshot
      // (empty), and the run's snapshot stays in the metadata for Iceberg's own tools.
      JsonNode metadata = json(h, newestMetadata(h));
      assertEquals(-1, metadata.path("current-snapshot-id").asLong(-1), metadata.toString());
      assertTrue(metadata.path("refs").path("main").isMissingNode(), metadata.toString());
      boolean kept = false;
      for (JsonNode s : metadata.path("snapshots")) {
        kept |= s.path("snapshot-id").asLong() == snapshot;
      }
      assertTrue(kept, metadata.toString());

      assertEquals(1, again.exit(), again.all());
      assertTrue(again.err().contains("already rolled back"), again.all());
      assertEquals(
          List.of(
              "dev.lakesmith.jobs.CurateJob",
              "dev.lakesmith.jobs.RegisterJob",
              "dev.lakesmith.jobs.RollbackJob",
              "dev.lakesmith.jobs.RollbackJob"),
          h.emr.executedSteps().stream()
              .map(s -> s.args().get(s.args().indexOf("--class") + 1))
              .toList());
    }
  }

  private static String only(EmrHarness h, String prefix, String suffix) {
    List<String> keys =
        h
            .s3
            .client()
            .listObjectsV2Paginator(b -> b.bucket("lake").prefix(prefix))
            .contents()
            .stream()
            .map(S3Object::key)
            .filter(k -> k.endsWith(suffix))
            .toList();
    assertEquals(1, keys.size(), keys.toString());
    return keys.get(0);
  }

  /** The table's newest {@code v<N>.metadata.json} in the Hadoop catalog on S3. */
  private static String newestMetadata(EmrHarness h) {
    String prefix = "curated/_iceberg/";
    return h
        .s3
        .client()
        .listObjectsV2Paginator(b -> b.bucket("lake").prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .filter(k -> k.matches(".*/metadata/v\\d+\\.metadata\\.json"))
        .max(
            java.util.Comparator.comparingInt(
                k -> Integer.parseInt(k.replaceAll(".*/v(\\d+)\\.metadata\\.json", "$1"))))
        .orElseThrow(() -> new AssertionError("no Iceberg metadata under s3://lake/" + prefix));
  }

  private static JsonNode json(EmrHarness h, String key) throws Exception {
    return JSON.readTree(
        h.s3.client().getObjectAsBytes(b -> b.bucket("lake").key(key)).asByteArray());
  }
}
