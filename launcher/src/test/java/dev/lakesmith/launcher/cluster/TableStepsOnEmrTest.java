package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.layout.LeaseRecord;
import dev.lakesmith.jobs.MaintainJob;
import dev.lakesmith.jobs.RollbackJob;
import dev.lakesmith.launcher.testing.EmrEmulator;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code rollback --emr} and {@code maintain --emr} against the S3 server and the EMR emulator: one
 * transient cluster of the configured minimum size whose single step is the job call the local
 * command runs, with the Iceberg settings of a curate run's cluster; a Parquet dataset or a held
 * table starts nothing.
 */
class TableStepsOnEmrTest {
  private static final String RUN = "20231101T000000Z-abc123";
  private static final String ICEBERG = "lakesmith.datasets.events.table-format=iceberg";

  @TempDir Path tmp;
  EmrHarness h;

  @BeforeEach
  void start() {
    h =
        new EmrHarness(
            tmp, new EmrEmulator.Options().defaultStepDuration(Duration.ofMillis(200)), "");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void rollbackRunsTheJobsCallAsTheOnlyStepOfAnIcebergCluster() {
    EmrHarness.Result r =
        h.run(
            "rollback",
            "--emr",
            "--dataset",
            "events",
            "--run-id",
            RUN,
            "--force",
            "--wait",
            "--conf",
            ICEBERG);

    assertEquals(0, r.exit(), r.all());
    assertTrue(
        r.out().contains("lakesmith: rollback of events run " + RUN + " succeeded: 1 steps"),
        r.out());
    assertEquals(1, h.emr.requests("RunJobFlow").size());
    JsonNode request = h.emr.lastRequest("RunJobFlow").body();
    JsonNode step = onlyStep(request);
    assertEquals("events " + RUN + " rollback", step.path("Name").asText());
    JobInvocation expected =
        JobInvocation.rollback(
            "events",
            RUN,
            "s3://lake/curated",
            true,
            List.of(RunJobFlowFactory.CONF_ALIAS),
            List.of(ICEBERG));
    assertEquals(expected.mainClass(), mainClass(step));
    assertEquals(expected.args(), jobArgs(step));
    CommandLine.ParseResult parsed =
        new CommandLine(new RollbackJob()).parseArgs(jobArgs(step).toArray(String[]::new));
    assertEquals(RUN, parsed.matchedOptionValue("--run-id", ""));
    assertTrue(parsed.hasMatchedOption("--force"));
    assertEquals("s3://lake/curated", parsed.matchedOptionValue("--output", ""));

    assertIcebergOnGlue(request);
    assertTransient(request);
    assertEquals(1, coreNodes(request), request.path("Instances").toString());
    assertEquals("lakesmith events rollback", request.path("Name").asText());
    String cluster = h.emr.lastRequest("DescribeCluster").body().path("ClusterId").asText();
    assertEquals("TERMINATED", h.emr.clusterState(cluster));
  }

  @Test
  void maintainRunsTheJobsCallOnTheConfiguredMinimumAndDoesNotWaitUnlessAsked() {
    EmrHarness.Result r =
        h.run(
            "maintain",
            "--emr",
            "--dataset",
            "events",
            "--conf",
            ICEBERG,
            "--conf",
            "lakesmith.emr.sizing.min-core=2");

    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("lakesmith: not waiting; j-"), r.out());
    assertTrue(h.emr.requests("DescribeCluster").isEmpty(), "not watched without --wait");
    JsonNode request = h.emr.lastRequest("RunJobFlow").body();
    JsonNode step = onlyStep(request);
    List<String> args = jobArgs(step);
    String runId = args.get(args.indexOf("--run-id") + 1);
    assertTrue(runId.matches("maintain-\\d{8}T\\d{6}Z-\\w+"), runId);
    JobInvocation expected =
        JobInvocation.maintain(
            "events",
            runId,
            "s3://lake/curated",
            List.of(RunJobFlowFactory.CONF_ALIAS),
            List.of(ICEBERG, "lakesmith.emr.sizing.min-core=2"));
    assertEquals(expected.mainClass(), mainClass(step));
    assertEquals(expected.args(), args);
    new CommandLine(new MaintainJob()).parseArgs(args.toArray(String[]::new));
    assertEquals("events " + runId + " maintain", step.path("Name").asText());
    assertIcebergOnGlue(request);
    assertTransient(request);
    assertEquals(2, coreNodes(request), "lakesmith.emr.sizing.min-core");
  }

  @Test
  void aParquetDatasetIsRefusedBeforeAnyAwsCall() {
    for (String[] command :
        List.of(
            new String[] {"rollback", "--emr", "--dataset", "events", "--run-id", RUN, "--wait"},
            new String[] {"maintain", "--emr", "--dataset", "events", "--wait"})) {
      EmrHarness.Result r = h.run(command);

      assertEquals(2, r.exit(), r.all());
      assertEquals(
          "lakesmith: error: dataset 'events' is a parquet table; "
              + command[0]
              + " needs table-format = iceberg (no cluster started)",
          r.err().strip(),
          r.all());
    }
    assertEquals(List.of(), h.emr.requests(), "the emulator saw no call at all");
    assertFalse(
        h.s3.client().listObjectsV2(b -> b.bucket("artifacts")).hasContents(), "nothing staged");
  }

  @Test
  void aTableHeldByARunStartsNoCluster() {
    Instant now = Instant.now();
    LeaseRecord holder =
        new LeaseRecord(
            "events",
            RUN,
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

    EmrHarness.Result r =
        h.run("maintain", "--emr", "--dataset", "events", "--wait", "--conf", ICEBERG);

    assertEquals(3, r.exit(), r.all());
    assertTrue(r.err().contains("is being written by run " + RUN), r.all());
    assertTrue(h.emr.requests("RunJobFlow").isEmpty());
  }

  @Test
  void emrOnlyOptionsAreRefusedLocallyAndTheLocalOutputOnEmr() {
    EmrHarness.Result waitLocally =
        h.run("maintain", "--dataset", "events", "--wait", "--conf", ICEBERG);
    EmrHarness.Result outputOnEmr =
        h.run("maintain", "--emr", "--dataset", "events", "--output", "/data", "--conf", ICEBERG);

    assertEquals(2, waitLocally.exit(), waitLocally.all());
    assertTrue(waitLocally.err().contains("--wait is for --emr"), waitLocally.all());
    assertEquals(2, outputOnEmr.exit(), outputOnEmr.all());
    assertTrue(outputOnEmr.err().contains("--output is for local Spark"), outputOnEmr.all());
    assertEquals(List.of(), h.emr.requests());
  }

  /**
   * A launcher killed with SIGTERM while it waits on its rollback cluster terminates that cluster
   * (the guard's shutdown hook), in a JVM of its own with the classpath lakesmith.jar bundles.
   */
  @Test
  void aKilledLauncherTerminatesItsCluster() throws Exception {
    h.emr.stepExecutor(EmrEmulator.recordingExecutor(Duration.ofMinutes(10)));
    String classpath =
        Path.of("target", "classes").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "dev.lakesmith.launcher.Lakesmith",
                "rollback",
                "--emr",
                "--dataset",
                "events",
                "--run-id",
                RUN,
                "--wait",
                "--conf",
                ICEBERG,
                "--conf-file",
                h.confFile.toString()));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("AWS_ENDPOINT_URL_S3", h.s3.endpoint().toString());
    builder.environment().put("AWS_ENDPOINT_URL_EMR", h.emr.endpoint().toString());
    builder.environment().put("AWS_REGION", S3TestServer.REGION.id());
    builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
    builder.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
    Process process = builder.start();
    try {
      // The watcher has seen the step run: the launcher is waiting on a live cluster.
      while (!Files.readString(out)
          .contains("lakesmith: step \"events " + RUN + " rollback\" RUNNING")) {
        assertTrue(process.isAlive(), Files.readString(out) + Files.readString(err));
        Thread.sleep(50);
      }
      process.destroy();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not exit on SIGTERM");
    } finally {
      process.destroyForcibly();
    }
    String cluster = h.emr.lastRequest("DescribeCluster").body().path("ClusterId").asText();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(stderr.contains("lakesmith: interrupted: terminating cluster " + cluster), stderr);
    assertEquals(
        List.of(cluster),
        h.emr.requests("TerminateJobFlows").stream()
            .map(q -> q.body().path("JobFlowIds").get(0).asText())
            .toList());
    assertEquals("TERMINATED", h.emr.awaitTerminal(cluster, Duration.ofSeconds(30)));
  }

  private static JsonNode onlyStep(JsonNode request) {
    JsonNode steps = request.path("Steps");
    assertEquals(1, steps.size(), steps.toString());
    JsonNode step = steps.get(0);
    assertEquals("TERMINATE_CLUSTER", step.path("ActionOnFailure").asText());
    assertEquals("command-runner.jar", step.path("HadoopJarStep").path("Jar").asText());
    return step;
  }

  private static List<String> words(JsonNode step) {
    List<String> args = new ArrayList<>();
    step.path("HadoopJarStep").path("Args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static String mainClass(JsonNode step) {
    List<String> args = words(step);
    return args.get(args.indexOf("--class") + 1);
  }

  /** What follows the job jar: the job's own command line. */
  private static List<String> jobArgs(JsonNode step) {
    List<String> args = words(step);
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster"), args.subList(0, 3));
    assertTrue(
        args.get(args.indexOf("--files") + 1).endsWith("#" + RunJobFlowFactory.CONF_ALIAS),
        args.toString());
    int jar = args.indexOf("--class") + 2;
    assertTrue(args.get(jar).matches("s3://artifacts/lakesmith/jars/jobs-[0-9a-f]{64}\\.jar"));
    return args.subList(jar + 1, args.size());
  }

  private static void assertIcebergOnGlue(JsonNode request) {
    JsonNode iceberg = null;
    JsonNode spark = null;
    for (JsonNode c : request.path("Configurations")) {
      switch (c.path("Classification").asText()) {
        case "iceberg-defaults" -> iceberg = c.path("Properties");
        case "spark-defaults" -> spark = c.path("Properties");
        default -> {}
      }
    }
    assertEquals("{\"iceberg.enabled\":\"true\"}", String.valueOf(iceberg));
    assertEquals(
        "org.apache.iceberg.aws.glue.GlueCatalog",
        spark.path("spark.sql.catalog.lakesmith.catalog-impl").asText(),
        spark.toString());
    assertEquals(
        "s3://lake/curated/_iceberg", spark.path("spark.sql.catalog.lakesmith.warehouse").asText());
  }

  private static void assertTransient(JsonNode request) {
    assertFalse(request.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(true));
    assertEquals(900, request.path("AutoTerminationPolicy").path("IdleTimeout").asLong());
  }

  private static int coreNodes(JsonNode request) {
    int core = 0;
    for (JsonNode group : request.path("Instances").path("InstanceGroups")) {
      assertFalse(group.path("InstanceRole").asText().equals("TASK"), "no task nodes");
      if (group.path("InstanceRole").asText().equals("CORE")) {
        core += group.path("InstanceCount").asInt();
      }
    }
    return core;
  }
}
