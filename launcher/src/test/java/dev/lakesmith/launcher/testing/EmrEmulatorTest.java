package dev.lakesmith.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;

class EmrEmulatorTest {
  private static final String LOG_URI = "s3://lake-logs/emr/";
  private static final List<ClusterState> ORDER =
      List.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING,
          ClusterState.TERMINATED,
          ClusterState.TERMINATED_WITH_ERRORS);

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private EmrEmulator emulator(EmrEmulator.Options options) {
    EmrEmulator e = EmrEmulator.start(options);
    closeables.add(e);
    return e;
  }

  private EmrClient emr(EmrEmulator e, int maxAttempts) {
    AwsSettings settings =
        AwsSettings.explicit(
                Region.US_EAST_1,
                null,
                e.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .withRetry(AwsSettings.Retry.fast(maxAttempts));
    AwsClients clients = AwsClients.create(settings);
    closeables.add(clients);
    return clients.emr();
  }

  private static StepConfig sparkStep(String name, ActionOnFailure aof, String... args) {
    List<String> a = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster"));
    a.addAll(List.of(args));
    return StepConfig.builder()
        .name(name)
        .actionOnFailure(aof)
        .hadoopJarStep(h -> h.jar("command-runner.jar").args(a))
        .build();
  }

  private static RunJobFlowRequest request(boolean keepAlive, StepConfig... steps) {
    return RunJobFlowRequest.builder()
        .name("lakesmith events 2023-06")
        .logUri(LOG_URI)
        .releaseLabel("emr-spark-8.1.0")
        .applications(Application.builder().name("Spark").build())
        .serviceRole("EMR_DefaultRole")
        .jobFlowRole("EMR_EC2_DefaultRole")
        .visibleToAllUsers(true)
        .securityConfiguration("lakesmith-sec")
        .autoTerminationPolicy(p -> p.idleTimeout(3600L))
        .tags(
            Tag.builder().key("lakesmith:dataset").value("events").build(),
            Tag.builder().key("lakesmith:slice").value("2023-06").build())
        .instances(
            i ->
                i.keepJobFlowAliveWhenNoSteps(keepAlive)
                    .ec2SubnetId("subnet-123")
                    .instanceGroups(
                        InstanceGroupConfig.builder()
                            .instanceRole(InstanceRoleType.MASTER)
                            .instanceType("m7g.xlarge")
                            .instanceCount(1)
                            .market(MarketType.ON_DEMAND)
                            .build(),
                        InstanceGroupConfig.builder()
                            .instanceRole(InstanceRoleType.TASK)
                            .instanceType("m7g.2xlarge")
                            .instanceCount(4)
                            .market(MarketType.SPOT)
                            .build()))
        .steps(steps)
        .build();
  }

  /** Polls DescribeCluster like the launcher will, recording every state seen. */
  private static Cluster awaitEnd(EmrClient emr, String id, List<ClusterState> seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Cluster c = emr.describeCluster(b -> b.clusterId(id)).cluster();
      ClusterState s = c.status().state();
      if (seen.isEmpty() || seen.get(seen.size() - 1) != s) {
        seen.add(s);
      }
      if (s == ClusterState.TERMINATED || s == ClusterState.TERMINATED_WITH_ERRORS) {
        return c;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("cluster " + id + " did not end; seen " + seen);
  }

  private static void assertLifecycleOrder(List<ClusterState> seen) {
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          ORDER.indexOf(seen.get(i - 1)) < ORDER.indexOf(seen.get(i))
              || seen.get(i - 1) == ClusterState.WAITING && seen.get(i) == ClusterState.RUNNING,
          () -> "states out of order: " + seen);
    }
  }

  private static Map<String, StepSummary> stepsByName(EmrClient emr, String clusterId) {
    return emr.listSteps(b -> b.clusterId(clusterId)).steps().stream()
        .collect(Collectors.toMap(StepSummary::name, s -> s));
  }

  @Test
  void twoSparkStepsRunInOrderAndTheClusterTerminatesNormally() throws Exception {
    // Steps last long enough that polling sees RUNNING even on a loaded machine.
    EmrEmulator e =
        emulator(new EmrEmulator.Options().defaultStepDuration(Duration.ofMillis(1000)));
    EmrClient emr = emr(e, 5);

    var resp =
        emr.runJobFlow(
            request(
                false,
                sparkStep(
                    "curate",
                    ActionOnFailure.TERMINATE_CLUSTER,
                    "--class",
                    "dev.lakesmith.jobs.CurateJob",
                    "s3://lake/jars/abc.jar",
                    "--dataset",
                    "events"),
                sparkStep(
                    "register",
                    ActionOnFailure.TERMINATE_CLUSTER,
                    "--class",
                    "dev.lakesmith.jobs.RegisterJob",
                    "s3://lake/jars/abc.jar")));
    String id = resp.jobFlowId();
    assertTrue(id.matches("j-[A-Z0-9]{13}"), id);
    assertTrue(resp.clusterArn().endsWith(":cluster/" + id), resp.clusterArn());

    // The exact wire request, as the SDK marshalled it.
    EmrEmulator.RecordedRequest rec = e.lastRequest("RunJobFlow");
    JsonNode body = rec.body();
    assertEquals("emr-spark-8.1.0", body.path("ReleaseLabel").asText());
    assertFalse(body.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(true));
    assertEquals(3600, body.path("AutoTerminationPolicy").path("IdleTimeout").asLong());
    assertEquals(
        "SPOT", body.path("Instances").path("InstanceGroups").get(1).path("Market").asText());
    assertEquals("TERMINATE_CLUSTER", body.path("Steps").get(0).path("ActionOnFailure").asText());
    assertEquals(
        "spark-submit",
        body.path("Steps").get(0).path("HadoopJarStep").path("Args").get(0).asText());
    assertEquals("lakesmith:dataset", body.path("Tags").get(0).path("Key").asText());
    assertTrue(
        rec.signingScope().endsWith("/us-east-1/elasticmapreduce/aws4_request"),
        rec.signingScope());
    assertEquals(1, rec.attempt());

    List<ClusterState> seen = new ArrayList<>();
    Cluster c = awaitEnd(emr, id, seen);
    assertLifecycleOrder(seen);
    assertTrue(seen.contains(ClusterState.RUNNING), seen::toString);
    assertEquals(ClusterState.TERMINATED, c.status().state());
    assertEquals(
        ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED, c.status().stateChangeReason().code());
    assertEquals("Steps completed", c.status().stateChangeReason().message());
    var tl = c.status().timeline();
    assertNotNull(tl.readyDateTime());
    assertFalse(tl.readyDateTime().isBefore(tl.creationDateTime()));
    assertFalse(tl.endDateTime().isBefore(tl.readyDateTime()));
    assertEquals(LOG_URI, c.logUri());
    assertTrue(c.autoTerminate());
    assertEquals("emr-spark-8.1.0", c.releaseLabel());
    assertEquals("Spark", c.applications().get(0).name());
    assertEquals(
        "events",
        c.tags().stream()
            .filter(t -> t.key().equals("lakesmith:dataset"))
            .findFirst()
            .orElseThrow()
            .value());
    assertEquals("subnet-123", c.ec2InstanceAttributes().ec2SubnetId());

    // ListSteps: most recent first, like EMR.
    List<StepSummary> steps = emr.listSteps(b -> b.clusterId(id)).steps();
    assertEquals(List.of("register", "curate"), steps.stream().map(StepSummary::name).toList());
    for (StepSummary s : steps) {
      assertEquals(StepState.COMPLETED, s.status().state());
      assertNull(s.status().failureDetails());
      assertFalse(
          s.status().timeline().endDateTime().isBefore(s.status().timeline().startDateTime()));
      assertEquals("command-runner.jar", s.config().jar());
    }
    var curate = emr.describeStep(b -> b.clusterId(id).stepId(steps.get(1).id())).step();
    assertEquals("curate", curate.name());
    assertEquals("dev.lakesmith.jobs.CurateJob", curate.config().args().get(4));

    // The executor saw both, in order.
    List<EmrStep> ran = e.executedSteps();
    assertEquals(List.of("curate", "register"), ran.stream().map(EmrStep::name).toList());
    assertTrue(ran.get(0).isSparkSubmit());
    assertEquals("s3://lake/jars/abc.jar", ran.get(0).args().get(5));
    assertEquals(LOG_URI, ran.get(0).logUri());

    // ListClusters with a ClusterStates filter.
    assertTrue(
        emr.listClusters(b -> b.clusterStates(ClusterState.TERMINATED)).clusters().stream()
            .anyMatch(s -> s.id().equals(id)));
    assertTrue(
        emr.listClusters(
                b ->
                    b.clusterStates(
                        ClusterState.STARTING,
                        ClusterState.BOOTSTRAPPING,
                        ClusterState.RUNNING,
                        ClusterState.WAITING))
            .clusters()
            .isEmpty());
  }

  @Test
  void aFailedStepTerminatesTheClusterWithFailureDetailsAndLogPath() throws Exception {
    EmrEmulator e = emulator(new EmrEmulator.Options());
    e.failStep("curate", "Unknown Error.", "Exception in thread main: boom");
    EmrClient emr = emr(e, 5);
    String id =
        emr.runJobFlow(
                request(
                    false,
                    sparkStep("curate", ActionOnFailure.TERMINATE_CLUSTER, "s3://lake/a.jar"),
                    sparkStep("register", ActionOnFailure.TERMINATE_CLUSTER, "s3://lake/a.jar")))
            .jobFlowId();

    List<ClusterState> seen = new ArrayList<>();
    Cluster c = awaitEnd(emr, id, seen);
    assertLifecycleOrder(seen);
    assertEquals(ClusterState.TERMINATED_WITH_ERRORS, c.status().state());
    assertEquals(ClusterStateChangeReasonCode.STEP_FAILURE, c.status().stateChangeReason().code());

    Map<String, StepSummary> steps = stepsByName(emr, id);
    StepSummary curate = steps.get("curate");
    assertEquals(StepState.FAILED, curate.status().state());
    var fd = curate.status().failureDetails();
    assertEquals("Unknown Error.", fd.reason());
    assertEquals("Exception in thread main: boom", fd.message());
    assertEquals(LOG_URI + id + "/steps/" + curate.id() + "/stderr.gz", fd.logFile());
    assertEquals(StepState.CANCELLED, steps.get("register").status().state());
    assertTrue(e.executedSteps().isEmpty());
  }

  @Test
  void throttledCallsAreRetriedByTheClientUntilTheySucceed() throws Exception {
    EmrEmulator e = emulator(new EmrEmulator.Options());
    e.throttle("RunJobFlow", 2);
    e.throttle("DescribeCluster", 3);
    EmrClient emr = emr(e, 5);

    String id =
        emr.runJobFlow(request(false, sparkStep("curate", ActionOnFailure.CONTINUE, "x.jar")))
            .jobFlowId();
    List<EmrEmulator.RecordedRequest> runs = e.requests("RunJobFlow");
    assertEquals(
        List.of(1, 2, 3), runs.stream().map(EmrEmulator.RecordedRequest::attempt).toList());
    assertEquals("ThrottlingException", runs.get(0).injectedError());
    assertNull(runs.get(2).injectedError());
    assertEquals(
        1,
        e.requests().stream()
            .filter(r -> r.operation().equals("RunJobFlow") && r.injectedError() == null)
            .count());

    Cluster c = awaitEnd(emr, id, new ArrayList<>());
    assertEquals(ClusterState.TERMINATED, c.status().state());
    assertEquals(
        3, e.requests("DescribeCluster").stream().filter(r -> r.injectedError() != null).count());

    // With too few attempts the throttling error surfaces, recognisably.
    e.throttle("ListClusters", 5);
    EmrClient impatient = emr(e, 2);
    EmrException ex = assertThrows(EmrException.class, () -> impatient.listClusters(b -> {}));
    assertTrue(ex.isThrottlingException());
    assertEquals("ThrottlingException", ex.awsErrorDetails().errorCode());
    assertEquals(400, ex.statusCode());
  }

  @Test
  void continueAndCancelAndWaitKeepTheClusterGoing() throws Exception {
    EmrEmulator e = emulator(new EmrEmulator.Options());
    e.failStep("bad-continue");
    e.failStep("bad-cancel");
    EmrClient emr = emr(e, 5);
    String id =
        emr.runJobFlow(
                request(
                    false,
                    sparkStep("bad-continue", ActionOnFailure.CONTINUE, "a.jar"),
                    sparkStep("good", ActionOnFailure.CONTINUE, "a.jar"),
                    sparkStep("bad-cancel", ActionOnFailure.CANCEL_AND_WAIT, "a.jar"),
                    sparkStep("never", ActionOnFailure.CONTINUE, "a.jar")))
            .jobFlowId();
    Cluster c = awaitEnd(emr, id, new ArrayList<>());
    assertEquals(ClusterState.TERMINATED, c.status().state());
    assertEquals(
        ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED, c.status().stateChangeReason().code());
    assertEquals("Steps completed with errors", c.status().stateChangeReason().message());
    Map<String, StepSummary> steps = stepsByName(emr, id);
    assertEquals(StepState.FAILED, steps.get("bad-continue").status().state());
    assertEquals(StepState.COMPLETED, steps.get("good").status().state());
    assertEquals(StepState.FAILED, steps.get("bad-cancel").status().state());
    assertEquals(StepState.CANCELLED, steps.get("never").status().state());
  }

  @Test
  void keepAliveWaitsRunsAddedStepsThenIdleTimeoutTerminates() throws Exception {
    EmrEmulator e = emulator(new EmrEmulator.Options().idleSecond(Duration.ofMillis(5)));
    EmrClient emr = emr(e, 5);
    // IdleTimeout 3600 s x 5 ms = 18 s: too long; use the 60 s minimum (300 ms here).
    String id =
        emr.runJobFlow(
                request(true).toBuilder().autoTerminationPolicy(p -> p.idleTimeout(60L)).build())
            .jobFlowId();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (emr.describeCluster(b -> b.clusterId(id)).cluster().status().state()
        != ClusterState.WAITING) {
      assertTrue(System.nanoTime() < deadline, "never WAITING");
      Thread.sleep(5);
    }
    List<String> added =
        emr.addJobFlowSteps(
                b -> b.jobFlowId(id).steps(sparkStep("later", ActionOnFailure.CONTINUE, "a.jar")))
            .stepIds();
    assertEquals(1, added.size());
    List<ClusterState> seen = new ArrayList<>(List.of(ClusterState.WAITING));
    Cluster c = awaitEnd(emr, id, seen);
    assertEquals(ClusterState.TERMINATED, c.status().state());
    assertEquals(
        ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED, c.status().stateChangeReason().code());
    assertTrue(c.status().stateChangeReason().message().contains("idle"));
    assertFalse(c.autoTerminate());
    assertEquals(StepState.COMPLETED, stepsByName(emr, id).get("later").status().state());
    assertEquals(List.of("later"), e.executedSteps().stream().map(EmrStep::name).toList());
    // No steps may be added to a terminated cluster.
    assertThrows(
        EmrException.class,
        () ->
            emr.addJobFlowSteps(
                b -> b.jobFlowId(id).steps(sparkStep("x", ActionOnFailure.CONTINUE, "a.jar"))));
  }

  @Test
  void terminateJobFlowsCancelsTheRunningStep() throws Exception {
    EmrEmulator e =
        emulator(
            new EmrEmulator.Options()
                .stepExecutor(
                    (step, dir) -> {
                      Thread.sleep(30_000);
                      return StepResult.ok();
                    }));
    EmrClient emr = emr(e, 5);
    String id =
        emr.runJobFlow(
                request(
                    false,
                    sparkStep("slow", ActionOnFailure.TERMINATE_CLUSTER, "a.jar"),
                    sparkStep("next", ActionOnFailure.TERMINATE_CLUSTER, "a.jar")))
            .jobFlowId();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (stepsByName(emr, id).get("slow").status().state() != StepState.RUNNING) {
      assertTrue(System.nanoTime() < deadline, "step never RUNNING");
      Thread.sleep(5);
    }
    emr.terminateJobFlows(b -> b.jobFlowIds(id));
    Cluster c = awaitEnd(emr, id, new ArrayList<>());
    assertEquals(ClusterState.TERMINATED, c.status().state());
    assertEquals(ClusterStateChangeReasonCode.USER_REQUEST, c.status().stateChangeReason().code());
    Map<String, StepSummary> steps = stepsByName(emr, id);
    assertEquals(StepState.CANCELLED, steps.get("slow").status().state());
    assertEquals(StepState.CANCELLED, steps.get("next").status().state());
  }

  @Test
  void bootstrapFailureEndsWithErrorsAndCancelsSteps() throws Exception {
    EmrEmulator e = emulator(new EmrEmulator.Options());
    e.failNextBootstrap();
    EmrClient emr = emr(e, 5);
    String id =
        emr.runJobFlow(
                request(false, sparkStep("curate", ActionOnFailure.TERMINATE_CLUSTER, "a.jar")))
            .jobFlowId();
    List<ClusterState> seen = new ArrayList<>();
    Cluster c = awaitEnd(emr, id, seen);
    assertFalse(seen.contains(ClusterState.RUNNING), seen::toString);
    assertEquals(ClusterState.TERMINATED_WITH_ERRORS, c.status().state());
    assertEquals(
        ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE, c.status().stateChangeReason().code());
    assertNull(c.status().timeline().readyDateTime());
    assertEquals(StepState.CANCELLED, stepsByName(emr, id).get("curate").status().state());
  }

  @Test
  void unknownClusterAndTagsAndListClustersFilters() throws Exception {
    EmrEmulator e =
        emulator(
            new EmrEmulator.Options()
                .stepExecutor(
                    (s, d) -> {
                      Thread.sleep(30_000);
                      return StepResult.ok();
                    }));
    EmrClient emr = emr(e, 5);
    InvalidRequestException bad =
        assertThrows(
            InvalidRequestException.class, () -> emr.describeCluster(b -> b.clusterId("j-NOPE")));
    assertTrue(bad.getMessage().contains("j-NOPE"), bad.getMessage());

    String id =
        emr.runJobFlow(
                request(false, sparkStep("slow", ActionOnFailure.TERMINATE_CLUSTER, "a.jar")))
            .jobFlowId();
    emr.addTags(
        b -> b.resourceId(id).tags(Tag.builder().key("lakesmith:run-id").value("r-1").build()));
    var active =
        emr.listClusters(
                b ->
                    b.clusterStates(
                        ClusterState.STARTING,
                        ClusterState.BOOTSTRAPPING,
                        ClusterState.RUNNING,
                        ClusterState.WAITING))
            .clusters();
    assertEquals(List.of(id), active.stream().map(s -> s.id()).toList());
    assertEquals(
        "r-1",
        emr.describeCluster(b -> b.clusterId(id)).cluster().tags().stream()
            .filter(t -> t.key().equals("lakesmith:run-id"))
            .findFirst()
            .orElseThrow()
            .value());
    emr.terminateJobFlows(b -> b.jobFlowIds(id));
    assertEquals("TERMINATED", e.awaitTerminal(id, Duration.ofSeconds(10)));
  }
}
