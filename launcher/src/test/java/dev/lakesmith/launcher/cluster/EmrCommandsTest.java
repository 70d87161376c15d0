package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.core.layout.LeaseRecord;
import dev.lakesmith.launcher.testing.EmrEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** run / trigger / backfill against the S3 server and the EMR emulator (steps are recorded). */
class EmrCommandsTest {
  @TempDir Path tmp;
  EmrHarness h;

  @BeforeEach
  void start() {
    h =
        new EmrHarness(
            tmp, new EmrEmulator.Options().defaultStepDuration(Duration.ofMillis(300)), "");
    h.putEventsFile("2023-11-01", "a.gz");
    h.putEventsFile("2023-11-02", "b.gz");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void runStagesOnceCreatesATransientClusterAndWaitsForIt() {
    EmrHarness.Result first = h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    assertEquals(0, first.exit(), first.all());
    assertTrue(first.out().contains("succeeded: 2 steps COMPLETED"), first.out());
    assertTrue(
        first
            .out()
            .matches(
                "(?s).*lakesmith: step \"events 2023-11 curate\" COMPLETED( in \\d+m\\d\\ds)?,"
                    + " \\d+m\\d\\ds elapsed\\R.*"),
        first.out());
    assertTrue(first.out().contains("uploaded"), first.out());

    JsonNode req = h.emr.lastRequest("RunJobFlow").body();
    assertFalse(req.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(true));
    JsonNode args = req.path("Steps").get(0).path("HadoopJarStep").path("Args");
    String jar = args.get(args.size() - 1 - indexFromEnd(args, "--dataset")).asText();
    assertTrue(
        Pattern.matches("s3://artifacts/lakesmith/jars/jobs-[0-9a-f]{64}\\.jar", jar),
        args.toString());
    String key = jar.substring("s3://artifacts/".length());
    assertTrue(h.s3.client().headObject(b -> b.bucket("artifacts").key(key)).contentLength() > 0);

    EmrHarness.Result second = h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    assertEquals(0, second.exit(), second.all());
    assertTrue(second.out().contains("job jar " + jar + " already staged"), second.out());
    assertEquals(2, h.emr.requests("RunJobFlow").size());
  }

  @Test
  void aLiveDatasetLeaseStartsNoClusterAndNamesTheHolder() {
    Instant now = Instant.now();
    LeaseRecord holder =
        new LeaseRecord(
            "events",
            "20231101T000000Z-abcdef",
            "ip-10-0-0-1",
            "j-RUNNING",
            now.minusSeconds(60).toString(),
            now.toString(),
            now.plusSeconds(120).toString(),
            "token");
    h.s3
        .client()
        .putObject(
            b -> b.bucket("lake").key("curated/_leases/events.json"),
            RequestBody.fromBytes(holder.toJson()));

    EmrHarness.Result run = h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    String marker = EmrHarness.EVENTS_PREFIX + "name=account_created/d=2023-11-02/_SUCCESS";
    h.putRaw(marker, new byte[0]);
    EmrHarness.Result trigger = h.run("trigger", "--event", writeEvent(marker));

    assertEquals(3, run.exit(), run.all());
    assertTrue(
        run.err()
            .contains(
                "is being written by run 20231101T000000Z-abcdef on ip-10-0-0-1"
                    + " (cluster j-RUNNING)"),
        run.all());
    assertEquals(3, trigger.exit(), trigger.all());
    assertEquals(0, h.emr.requests("RunJobFlow").size());

    h.s3.client().deleteObject(b -> b.bucket("lake").key("curated/_leases/events.json"));
    h.s3
        .client()
        .putObject(
            b -> b.bucket("lake").key("curated/_leases/events.json"),
            RequestBody.fromBytes(
                new LeaseRecord(
                        "events",
                        "crashed",
                        "ip-10-0-0-2",
                        null,
                        now.minusSeconds(900).toString(),
                        now.minusSeconds(600).toString(),
                        now.minusSeconds(480).toString(),
                        "stale")
                    .toJson()));
    EmrHarness.Result afterExpiry =
        h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    assertEquals(0, afterExpiry.exit(), afterExpiry.all());
    assertEquals(1, h.emr.requests("RunJobFlow").size());
  }

  private String writeEvent(String key) {
    try {
      Path file = tmp.resolve("event-" + System.nanoTime() + ".json");
      Files.writeString(file, EmrHarness.s3Event(EmrHarness.RAW, key));
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Position of {@code arg} counted from the end of the array (jar is right before --dataset). */
  private static int indexFromEnd(JsonNode args, String arg) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).asText().equals(arg)) {
        return args.size() - i;
      }
    }
    throw new AssertionError(arg + " not in " + args);
  }

  @Test
  void aFailedStepPrintsReasonAndLogPathAndExitsNonZero() throws Exception {
    h.emr.failStep("events 2023-11 curate", "Unknown Error.", "no input for dataset 'events'");
    EmrHarness.Result r = h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    assertEquals(1, r.exit(), r.all());
    String[] errLines = r.err().strip().split("\n");
    assertEquals(1, errLines.length, r.err());
    assertTrue(
        Pattern.compile(
                "lakesmith: error: run of events 2023-11 failed on cluster j-\\w+: step \"events"
                    + " 2023-11 curate\" \\(s-\\w+\\) FAILED: Unknown Error\\.: no input for dataset"
                    + " 'events'; log: s3://logs/emr/j-\\w+/steps/s-\\w+/stderr\\.gz")
            .matcher(errLines[0])
            .matches(),
        errLines[0]);
    String cluster = h.emr.requests("DescribeCluster").get(0).body().path("ClusterId").asText();
    assertEquals("TERMINATED_WITH_ERRORS", h.emr.awaitTerminal(cluster, Duration.ofSeconds(10)));
  }

  @Test
  void throttlingOnlySlowsTheRunDown() {
    h.emr.throttle("RunJobFlow", 2);
    h.emr.throttle("ListClusters", 2);
    h.emr.throttle("DescribeCluster", 6); // more than the SDK's 4 attempts: the watcher backs off
    EmrHarness.Result r = h.run("run", "--dataset", "events", "--slice", "2023-11", "--wait");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("EMR did not answer (EmrException)"), r.out());
    long throttled =
        h.emr.requests().stream()
            .filter(q -> "ThrottlingException".equals(q.injectedError()))
            .count();
    assertEquals(10, throttled);
    assertEquals(
        1, h.emr.requests("RunJobFlow").stream().filter(q -> q.injectedError() == null).count());
  }

  @Test
  void concurrentMarkerEventsForOneSliceStartOneCluster() throws Exception {
    // The step outlives the test (the emulator's close ends it): the cluster stays active.
    h.emr.stepExecutor(EmrEmulator.recordingExecutor(Duration.ofMinutes(10)));
    Path event = tmp.resolve("marker.json");
    String marker = EmrHarness.EVENTS_PREFIX + "name=account_created/d=2023-11-02/_SUCCESS";
    h.putRaw(marker, new byte[0]);
    Files.writeString(event, EmrHarness.s3Event(EmrHarness.RAW, marker));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<EmrHarness.Result>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<EmrHarness.Result> trigger = () -> h.run("trigger", "--event", event.toString());
        results.add(pool.submit(trigger));
      }
      for (Future<EmrHarness.Result> f : results) {
        EmrHarness.Result r = f.get();
        assertEquals(0, r.exit(), r.all());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, h.emr.requests("RunJobFlow").size());
    // A third event while that cluster runs: the tag lookup or the claim refuses it.
    EmrHarness.Result again = h.run("trigger", "--event", event.toString());
    assertEquals(0, again.exit(), again.all());
    assertEquals(1, h.emr.requests("RunJobFlow").size(), again.out());
    assertTrue(again.out().contains("nothing started"), again.out());
  }

  @Test
  void dataObjectsAreAcknowledgedWithoutARun() throws Exception {
    Path event = tmp.resolve("data.json");
    Files.writeString(
        event,
        EmrHarness.eventBridge(
            EmrHarness.RAW, EmrHarness.EVENTS_PREFIX + "name=account_created/d=2023-11-02/b.gz"));
    EmrHarness.Result r = h.run("trigger", "--event", event.toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("data of events 2023-11, acknowledged"), r.out());
    assertTrue(h.emr.requests("RunJobFlow").isEmpty());
  }

  @Test
  void anEventOutsideTheConfiguredInputsIsRefused() throws Exception {
    Path event = tmp.resolve("other.json");
    Files.writeString(event, EmrHarness.s3Event("elsewhere", "events/x/_SUCCESS"));
    EmrHarness.Result r = h.run("trigger", "--event", event.toString());
    assertEquals(2, r.exit(), r.all());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, r.err());
    assertTrue(
        lines[0].startsWith(
            "lakesmith: error: event for s3://elsewhere/events/x/_SUCCESS refused: not under the"
                + " raw input of a triggerable dataset (s3://raw/events/events_raw/json/"),
        lines[0]);
    assertTrue(h.emr.requests().isEmpty());
  }

  @Test
  void backfillRunsEverySliceOnOneClusterAndReportsTheBadOne() {
    h.putEventsFile("2023-10-31", "c.gz");
    h.putEventsFile("2023-12-01", "d.gz");
    h.putEventsFile("2024-01-05", "e.gz");
    // 2024-01 already succeeded with exactly these inputs: skipped without --force.
    long bytes = "{\"fake\":\"e.gz\"}".getBytes(StandardCharsets.UTF_8).length;
    h.s3
        .client()
        .putObject(
            b -> b.bucket("lake").key("curated/_runs/events/old.json"),
            software.amazon.awssdk.core.sync.RequestBody.fromString(
                "{\"run_id\":\"old\",\"status\":\"SUCCEEDED\",\"slice\":\"2024-01\","
                    + "\"inputs\":{\"files\":1,\"bytes\":"
                    + bytes
                    + "}}"));
    h.emr.failStep("events 2023-11 curate", "Unknown Error.", "bad slice");

    EmrHarness.Result r =
        h.run("backfill", "--dataset", "events", "--from", "2023-09", "--to", "2024-01");
    assertEquals(1, r.exit(), r.all());
    // A line per month as it ends: months done of total, elapsed, and the time left.
    String elapsed = "\\d+m\\d\\ds elapsed";
    List<String> months =
        List.of(
            "2023-10 done; 1 of 3 months done, " + elapsed + ", about \\d+m\\d\\ds left",
            "2023-11 FAILED; 2 of 3 months done \\(1 failed\\), "
                + elapsed
                + ", about \\d+m\\d\\ds left",
            "2023-12 done; 3 of 3 months done \\(1 failed\\), " + elapsed);
    int at = -1;
    for (String month : months) {
      java.util.regex.Matcher m =
          Pattern.compile("(?m)^lakesmith: backfill events: " + month + "$").matcher(r.out());
      assertTrue(m.find(), month + " in\n" + r.out());
      assertTrue(m.start() > at, "months in the order they ended: " + r.out());
      at = m.start();
    }
    assertTrue(
        r.out().matches("(?s).*lakesmith: step \"events 2023-11 curate\" FAILED.*"), r.out());
    assertFalse(r.out().contains("\r") || r.out().contains("\u001b"), r.out());
    assertTrue(
        r.out()
            .contains(
                "backfill events 2023-09..2024-01: 2 done, 1 failed (2023-11), 2 skipped (2023-09,"
                    + " 2024-01), 0 busy"),
        r.out());
    assertTrue(r.err().contains("1 of 3 slices failed: 2023-11"), r.err());
    assertEquals(1, h.emr.requests("RunJobFlow").size());
    JsonNode steps = h.emr.lastRequest("RunJobFlow").body().path("Steps");
    assertEquals(6, steps.size(), "curate and register per slice");
    for (JsonNode step : steps) {
      assertEquals("CONTINUE", step.path("ActionOnFailure").asText());
    }
    assertEquals(
        "events 2023-10..2023-12",
        h.emr.lastRequest("RunJobFlow").body().path("Name").asText().substring(10));

    EmrHarness.Result forced =
        h.run("backfill", "--dataset", "events", "--from", "2024-01", "--to", "2024-01", "--force");
    assertEquals(0, forced.exit(), forced.all());
    assertTrue(forced.out().contains("1 done, 0 failed, 1 skipped") == false, forced.out());
    assertTrue(forced.out().contains("1 done, 0 failed, 0 skipped"), forced.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theLambdaHandlerStartsTheRunAndReportsRefusals() throws Exception {
    String marker = EmrHarness.EVENTS_PREFIX + "name=account_created/d=2023-11-02/_SUCCESS";
    var handler =
        new dev.lakesmith.launcher.trigger.LambdaHandler(
            h.settings, List.of(h.confFile.toFile()), List.of());
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Map<String, Object> started =
        handler.handleRequest(
            mapper.readValue(EmrHarness.eventBridge(EmrHarness.RAW, marker), java.util.Map.class),
            null);
    List<java.util.Map<String, Object>> runs =
        (List<java.util.Map<String, Object>>) started.get("runs");
    assertEquals(1, runs.size(), started.toString());
    assertTrue(String.valueOf(runs.get(0).get("cluster_id")).startsWith("j-"), started.toString());
    assertEquals(List.of("2023-11"), runs.get(0).get("slices"));
    assertEquals(1, h.emr.requests("RunJobFlow").size());

    java.util.Map<String, Object> refused =
        handler.handleRequest(
            mapper.readValue(EmrHarness.s3Event("elsewhere", "x/_SUCCESS"), java.util.Map.class),
            null);
    assertEquals(1, ((List<?>) refused.get("refused")).size(), refused.toString());
    assertEquals(1, h.emr.requests("RunJobFlow").size());
  }
}
