package dev.lakesmith.launcher.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A wire-level Amazon EMR emulator: a real HTTP server on a free loopback port speaking the EMR
 * JSON 1.1 protocol as the AWS SDK sends it ({@code POST /}, {@code X-Amz-Target:
 * ElasticMapReduce.<Operation>}, {@code Content-Type: application/x-amz-json-1.1}; errors are HTTP
 * 400/500 with {@code {"__type": "...", "message": "..."}}). Point an SDK {@code EmrClient} at
 * {@link #endpoint()}.
 *
 * <p>Operations: RunJobFlow, DescribeCluster, ListClusters, ListSteps, DescribeStep,
 * AddJobFlowSteps, TerminateJobFlows, AddTags, RemoveTags, SetTerminationProtection. Others answer
 * {@code UnknownOperationException}.
 *
 * <p>Each cluster lives on its own worker thread: STARTING → BOOTSTRAPPING → RUNNING, then its
 * steps one by one (PENDING → RUNNING → COMPLETED | FAILED | CANCELLED, through the pluggable
 * {@link StepExecutor}), then WAITING (KeepJobFlowAliveWhenNoSteps=true, until new steps,
 * TerminateJobFlows or the AutoTerminationPolicy IdleTimeout) or TERMINATING → TERMINATED
 * (ALL_STEPS_COMPLETED). A failed step with ActionOnFailure TERMINATE_CLUSTER/TERMINATE_JOB_FLOW
 * cancels the pending steps and ends TERMINATED_WITH_ERRORS (STEP_FAILURE); CANCEL_AND_WAIT cancels
 * the pending steps and carries on as if the steps were done; CONTINUE runs the next step. A failed
 * bootstrap ends TERMINATED_WITH_ERRORS (BOOTSTRAP_FAILURE); TerminateJobFlows ends TERMINATED
 * (USER_REQUEST).
 *
 * <p>Fault injection: {@link #failStep}, {@link #failNextBootstrap}, {@link #throttle}, {@link
 * #injectError}. Every request is recorded ({@link #requests()}), throttled ones included.
 */
public final class EmrEmulator implements AutoCloseable {
  public static final String TARGET_PREFIX = "ElasticMapReduce.";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/([^,\\s]+)"); // date/region/service/aws4_request
  private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+)");
  private static final Set<String> TERMINAL = Set.of("TERMINATED", "TERMINATED_WITH_ERRORS");
  private static final int PAGE = 50;

  /** Timings and plug-ins. All delays are real wall time; keep them short in tests. */
  public static final class Options {
    private Duration startingDelay = Duration.ofMillis(40);
    private Duration bootstrappingDelay = Duration.ofMillis(40);
    private Duration terminatingDelay = Duration.ofMillis(40);
    private Duration defaultStepDuration = Duration.ofMillis(30);
    private Duration idleSecond = Duration.ofMillis(10);
    private StepExecutor stepExecutor;
    private Path workRoot;
    private String region = "us-east-1";
    private String accountId = "123456789012";

    /** Time in STARTING. */
    public Options startingDelay(Duration d) {
      this.startingDelay = Objects.requireNonNull(d);
      return this;
    }

    /** Time in BOOTSTRAPPING. */
    public Options bootstrappingDelay(Duration d) {
      this.bootstrappingDelay = Objects.requireNonNull(d);
      return this;
    }

    /** Time in TERMINATING. */
    public Options terminatingDelay(Duration d) {
      this.terminatingDelay = Objects.requireNonNull(d);
      return this;
    }

    /** How long the default (recording) executor's steps run. */
    public Options defaultStepDuration(Duration d) {
      this.defaultStepDuration = Objects.requireNonNull(d);
      return this;
    }

    /** How long one second of AutoTerminationPolicy.IdleTimeout lasts here (default 10 ms). */
    public Options idleSecond(Duration d) {
      this.idleSecond = Objects.requireNonNull(d);
      return this;
    }

    /** The step executor; default: {@link EmrEmulator#recordingExecutor}. */
    public Options stepExecutor(StepExecutor e) {
      this.stepExecutor = e;
      return this;
    }

    /** Where per-step work dirs go; default: a new temp dir, deleted by {@link #close}. */
    public Options workRoot(Path p) {
      this.workRoot = p;
      return this;
    }

    /** Region and account used in ARNs. */
    public Options arnParts(String region, String accountId) {
      this.region = Objects.requireNonNull(region);
      this.accountId = Objects.requireNonNull(accountId);
      return this;
    }
  }

  /**
   * One request as received.
   *
   * @param operation e.g. {@code RunJobFlow}
   * @param body the parsed JSON body
   * @param attempt the SDK's attempt number ({@code amz-sdk-request: attempt=N}), 0 if absent
   * @param signingScope SigV4 credential scope {@code <date>/<region>/<service>/aws4_request} (no
   *     key, no signature), or null when unsigned
   * @param injectedError the {@code __type} of an injected error returned for it, or null
   */
  public record RecordedRequest(
      String operation,
      JsonNode body,
      int attempt,
      String signingScope,
      String injectedError,
      Instant at) {
    /** The body as JSON text. */
    public String json() {
      return body.toString();
    }
  }

  private record InjectedError(String type, int status, String message) {}

  private final Options options;
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final ExecutorService workers;
  private final Path workRoot;
  private final boolean ownsWorkRoot;
  private final URI endpoint;
  private final SecureRandom random = new SecureRandom();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<EmrStep> executedSteps = new CopyOnWriteArrayList<>();

  // All state below is guarded by `lock`; workers wait on it.
  private final Object lock = new Object();
  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final Map<String, List<InjectedError>> injectedErrors = new HashMap<>();
  private final Map<String, StepResult> stepFailures = new HashMap<>();
  private String nextBootstrapFailure;
  private StepExecutor stepExecutor;
  private boolean closed;

  private EmrEmulator(Options options) throws IOException {
    this.options = options;
    this.ownsWorkRoot = options.workRoot == null;
    this.workRoot =
        options.workRoot != null
            ? Files.createDirectories(options.workRoot)
            : Files.createTempDirectory("emr-emulator");
    this.stepExecutor =
        options.stepExecutor != null
            ? options.stepExecutor
            : recordingExecutor(options.defaultStepDuration);
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "emr-emulator-cluster");
              t.setDaemon(true);
              return t;
            });
    this.httpThreads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "emr-emulator-http");
              t.setDaemon(true);
              return t;
            });
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(httpThreads);
    server.start();
    this.endpoint =
        URI.create("http://" + loopback.getHostAddress() + ":" + server.getAddress().getPort());
  }

  public static EmrEmulator start() {
    return start(new Options());
  }

  public static EmrEmulator start(Options options) {
    try {
      return new EmrEmulator(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start EMR emulator", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: use as the EMR endpoint override. */
  public URI endpoint() {
    return endpoint;
  }

  /** Root of the per-step work dirs. */
  public Path workRoot() {
    return workRoot;
  }

  /** Replaces the step executor for steps that start from now on. */
  public void stepExecutor(StepExecutor executor) {
    synchronized (lock) {
      this.stepExecutor = Objects.requireNonNull(executor);
    }
  }

  /**
   * The default executor: sleeps {@code duration} and succeeds (the emulator itself records every
   * step it hands to an executor: {@link #executedSteps()}).
   */
  public static StepExecutor recordingExecutor(Duration duration) {
    return (step, dir) -> {
      Thread.sleep(duration.toMillis());
      return StepResult.ok();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Fault injection

  /** Steps named {@code stepName} (in any cluster) fail without running the executor. */
  public void failStep(String stepName) {
    failStep(stepName, "Unknown Error.", "Injected failure of step '" + stepName + "'");
  }

  /** Steps named {@code stepName} fail with this FailureDetails Reason and Message. */
  public void failStep(String stepName, String reason, String message) {
    synchronized (lock) {
      stepFailures.put(stepName, StepResult.failed(reason, message));
    }
  }

  /** The next cluster created fails in BOOTSTRAPPING (BOOTSTRAP_FAILURE). */
  public void failNextBootstrap() {
    failNextBootstrap(
        "On the master instance (i-0123456789abcdef0), bootstrap action 1 returned a non-zero"
            + " return code");
  }

  public void failNextBootstrap(String message) {
    synchronized (lock) {
      nextBootstrapFailure = Objects.requireNonNull(message);
    }
  }

  /** The next {@code times} calls of {@code operation} answer HTTP 400 ThrottlingException. */
  public void throttle(String operation, int times) {
    injectError(operation, times, "ThrottlingException", 400, "Rate exceeded");
  }

  /**
   * The next {@code times} calls of {@code operation} answer this error, e.g. ({@code
   * "InternalServerError"}, 500) or ({@code "InvalidRequestException"}, 400).
   */
  public void injectError(String operation, int times, String type, int status, String message) {
    synchronized (lock) {
      List<InjectedError> q = injectedErrors.computeIfAbsent(operation, k -> new ArrayList<>());
      for (int i = 0; i < times; i++) {
        q.add(new InjectedError(type, status, message));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inspection

  /** Every request received, in order, including throttled and failed ones. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Requests of one operation, in order. */
  public List<RecordedRequest> requests(String operation) {
    return requests.stream().filter(r -> r.operation().equals(operation)).toList();
  }

  /** The last request of an operation; fails if there was none. */
  public RecordedRequest lastRequest(String operation) {
    List<RecordedRequest> l = requests(operation);
    if (l.isEmpty()) {
      throw new AssertionError("no " + operation + " request received");
    }
    return l.get(l.size() - 1);
  }

  /** Steps handed to the executor (injected failures excluded), in execution order. */
  public List<EmrStep> executedSteps() {
    return List.copyOf(executedSteps);
  }

  /** A cluster's current state, for tests that do not want to go through the SDK. */
  public String clusterState(String clusterId) {
    synchronized (lock) {
      Cluster c = clusters.get(clusterId);
      return c == null ? null : c.state;
    }
  }

  /** Waits until the cluster is in a terminal state; returns it. */
  public String awaitTerminal(String clusterId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        Cluster c = clusters.get(clusterId);
        if (c != null && TERMINAL.contains(c.state)) {
          return c.state;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "cluster "
                  + clusterId
                  + " not terminal after "
                  + timeout
                  + ": "
                  + (c == null ? null : c.state));
        }
        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    server.stop(0);
    httpThreads.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsWorkRoot) {
      deleteTree(workRoot);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the emulator's work root " + root, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private static final class ApiError extends RuntimeException {
    final String type;
    final int status;

    ApiError(String type, int status, String message) {
      super(message);
      this.type = type;
      this.status = status;
    }
  }

  private static ApiError validation(String message) {
    return new ApiError("ValidationException", 400, message);
  }

  private static ApiError invalidRequest(String message) {
    return new ApiError("InvalidRequestException", 400, message);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = ex.getRequestHeaders().getFirst("Content-Type");
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      if (!"POST".equals(ex.getRequestMethod())
          || !"/".equals(ex.getRequestURI().getPath())
          || target == null
          || !target.startsWith(TARGET_PREFIX)) {
        send(ex, 400, error("UnknownOperationException", "Expected POST / with X-Amz-Target"));
        return;
      }
      String op = target.substring(TARGET_PREFIX.length());
      JsonNode body;
      try {
        body = raw.length == 0 ? NODES.objectNode() : JSON.readTree(raw);
      } catch (IOException e) {
        send(ex, 400, error("SerializationException", "Malformed JSON: " + e.getMessage()));
        return;
      }
      InjectedError injected;
      synchronized (lock) {
        List<InjectedError> q = injectedErrors.get(op);
        injected = q == null || q.isEmpty() ? null : q.remove(0);
      }
      requests.add(
          new RecordedRequest(
              op,
              body,
              attempt(ex),
              scope(ex),
              injected == null ? null : injected.type(),
              Instant.now()));
      if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
        send(ex, 400, error("SerializationException", "Expected Content-Type " + CONTENT_TYPE));
        return;
      }
      if (injected != null) {
        send(ex, injected.status(), error(injected.type(), injected.message()));
        return;
      }
      try {
        send(ex, 200, dispatch(op, body));
      } catch (ApiError e) {
        send(ex, e.status, error(e.type, e.getMessage()));
      } catch (RuntimeException e) {
        send(ex, 500, error("InternalServerError", String.valueOf(e)));
      }
    } finally {
      ex.close();
    }
  }

  private static int attempt(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("amz-sdk-request");
    if (h == null) {
      return 0;
    }
    Matcher m = ATTEMPT.matcher(h);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static String scope(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null) {
      return null;
    }
    Matcher m = SCOPE.matcher(h);
    return m.find() ? m.group(1) : null;
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode n = NODES.objectNode();
    n.put("__type", type);
    n.put("message", message);
    return n;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private JsonNode dispatch(String op, JsonNode body) {
    synchronized (lock) {
      if (closed) {
        throw new ApiError("InternalServerError", 500, "emulator closed");
      }
      return switch (op) {
        case "RunJobFlow" -> runJobFlow(body);
        case "DescribeCluster" -> describeCluster(body);
        case "ListClusters" -> listClusters(body);
        case "ListSteps" -> listSteps(body);
        case "DescribeStep" -> describeStep(body);
        case "AddJobFlowSteps" -> addJobFlowSteps(body);
        case "TerminateJobFlows" -> terminateJobFlows(body);
        case "AddTags" -> addTags(body);
        case "RemoveTags" -> removeTags(body);
        case "SetTerminationProtection" -> setTerminationProtection(body);
        default ->
            throw new ApiError("UnknownOperationException", 400, "Operation not emulated: " + op);
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Model

  private final class Cluster {
    final String id;
    final String arn;
    final String name;
    final JsonNode request;
    final String logUri;
    final boolean keepAlive;
    final Long idleTimeoutSeconds;
    final Instant created = Instant.now();
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    boolean terminationProtected;
    String bootstrapFailure;
    String state = "STARTING";
    String reasonCode;
    String reasonMessage = "Configuring cluster software";
    Instant ready;
    Instant ended;
    boolean terminateRequested;
    boolean anyStepFailed;
    Thread worker;
    Step running;

    Cluster(String id, JsonNode req) {
      this.id = id;
      this.arn =
          "arn:aws:elasticmapreduce:" + options.region + ":" + options.accountId + ":cluster/" + id;
      this.name = req.path("Name").asText();
      this.request = req;
      this.logUri = req.hasNonNull("LogUri") ? req.get("LogUri").asText() : null;
      JsonNode inst = req.path("Instances");
      this.keepAlive = inst.path("KeepJobFlowAliveWhenNoSteps").asBoolean(false);
      this.terminationProtected = inst.path("TerminationProtected").asBoolean(false);
      JsonNode idle = req.path("AutoTerminationPolicy").path("IdleTimeout");
      this.idleTimeoutSeconds = idle.isNumber() ? idle.asLong() : null;
    }
  }

  private static final class Step {
    final String id;
    final int index;
    final String name;
    final String actionOnFailure;
    final String jar;
    final String mainClass;
    final List<String> args;
    final Map<String, String> properties;
    final Instant created = Instant.now();
    String state = "PENDING";
    Instant started;
    Instant ended;
    String failureReason;
    String failureMessage;
    String failureLogFile;

    Step(String id, int index, JsonNode s) {
      this.id = id;
      this.index = index;
      this.name = s.path("Name").asText();
      this.actionOnFailure = s.path("ActionOnFailure").asText("TERMINATE_CLUSTER");
      JsonNode h = s.path("HadoopJarStep");
      this.jar = h.path("Jar").asText();
      this.mainClass = h.hasNonNull("MainClass") ? h.get("MainClass").asText() : null;
      List<String> a = new ArrayList<>();
      h.path("Args").forEach(x -> a.add(x.asText()));
      this.args = List.copyOf(a);
      Map<String, String> p = new LinkedHashMap<>();
      h.path("Properties").forEach(kv -> p.put(kv.path("Key").asText(), kv.path("Value").asText()));
      this.properties = Collections.unmodifiableMap(p);
    }
  }

  private String newId(String prefix) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < 13; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private Cluster cluster(JsonNode body, String field) {
    String id = body.path(field).asText(null);
    if (id == null) {
      throw validation("1 validation error detected: Value null at '" + field + "'");
    }
    Cluster c = clusters.get(id);
    if (c == null) {
      throw invalidRequest("Cluster id '" + id + "' is not valid.");
    }
    return c;
  }

  private List<String> addSteps(Cluster c, JsonNode stepsJson) {
    List<String> ids = new ArrayList<>();
    for (JsonNode s : stepsJson) {
      if (!s.hasNonNull("Name") || !s.has("HadoopJarStep") || !s.path("HadoopJarStep").has("Jar")) {
        throw validation("A step needs Name and HadoopJarStep.Jar");
      }
      String aof = s.path("ActionOnFailure").asText("TERMINATE_CLUSTER");
      if (!Set.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE")
          .contains(aof)) {
        throw validation("Invalid ActionOnFailure: " + aof);
      }
    }
    for (JsonNode s : stepsJson) {
      Step step = new Step(newId("s-"), c.steps.size() + 1, s);
      c.steps.add(step);
      ids.add(step.id);
    }
    lock.notifyAll();
    return ids;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations (called with `lock` held)

  private JsonNode runJobFlow(JsonNode body) {
    if (!body.hasNonNull("Name") || body.get("Name").asText().isEmpty()) {
      throw validation("1 validation error detected: Value null at 'name'");
    }
    if (!body.has("Instances")) {
      throw validation("1 validation error detected: Value null at 'instances'");
    }
    JsonNode idle = body.path("AutoTerminationPolicy").path("IdleTimeout");
    if (idle.isNumber() && (idle.asLong() < 60 || idle.asLong() > 604800)) {
      throw validation("IdleTimeout must be between 60 and 604800 seconds");
    }
    Cluster c = new Cluster(newId("j-"), body);
    body.path("Tags").forEach(t -> c.tags.put(t.path("Key").asText(), t.path("Value").asText()));
    c.bootstrapFailure = nextBootstrapFailure;
    nextBootstrapFailure = null;
    addSteps(c, body.path("Steps"));
    clusters.put(c.id, c);
    workers.submit(() -> lifecycle(c));
    ObjectNode r = NODES.objectNode();
    r.put("JobFlowId", c.id);
    r.put("ClusterArn", c.arn);
    return r;
  }

  private JsonNode describeCluster(JsonNode body) {
    Cluster c = cluster(body, "ClusterId");
    ObjectNode r = NODES.objectNode();
    ObjectNode n = r.putObject("Cluster");
    n.put("Id", c.id);
    n.put("Name", c.name);
    n.set("Status", clusterStatus(c));
    JsonNode req = c.request;
    JsonNode inst = req.path("Instances");
    ObjectNode ec2 = n.putObject("Ec2InstanceAttributes");
    copyText(inst, "Ec2KeyName", ec2, "Ec2KeyName");
    copyText(inst, "Ec2SubnetId", ec2, "Ec2SubnetId");
    copyText(inst, "Placement", ec2, "Ec2AvailabilityZone");
    copyText(req, "JobFlowRole", ec2, "IamInstanceProfile");
    copyText(inst, "EmrManagedMasterSecurityGroup", ec2, "EmrManagedMasterSecurityGroup");
    copyText(inst, "EmrManagedSlaveSecurityGroup", ec2, "EmrManagedSlaveSecurityGroup");
    if (inst.has("Ec2SubnetIds")) {
      ec2.set("RequestedEc2SubnetIds", inst.get("Ec2SubnetIds"));
    }
    n.put(
        "InstanceCollectionType", inst.has("InstanceFleets") ? "INSTANCE_FLEET" : "INSTANCE_GROUP");
    if (c.logUri != null) {
      n.put("LogUri", c.logUri);
    }
    copyText(req, "ReleaseLabel", n, "ReleaseLabel");
    n.put("AutoTerminate", !c.keepAlive);
    n.put("TerminationProtected", c.terminationProtected);
    n.put("VisibleToAllUsers", req.path("VisibleToAllUsers").asBoolean(true));
    ArrayNode apps = n.putArray("Applications");
    req.path("Applications").forEach(a -> apps.addObject().put("Name", a.path("Name").asText()));
    n.set("Tags", tags(c.tags));
    copyText(req, "ServiceRole", n, "ServiceRole");
    n.put("NormalizedInstanceHours", c.ready == null ? 0 : 8);
    if (c.ready != null && c.ended == null) {
      n.put("MasterPublicDnsName", "ip-10-0-0-10.ec2.internal");
    }
    if (req.has("Configurations")) {
      n.set("Configurations", req.get("Configurations"));
    }
    copyText(req, "SecurityConfiguration", n, "SecurityConfiguration");
    copyText(req, "AutoScalingRole", n, "AutoScalingRole");
    n.put(
        "ScaleDownBehavior", req.path("ScaleDownBehavior").asText("TERMINATE_AT_TASK_COMPLETION"));
    n.put("StepConcurrencyLevel", req.path("StepConcurrencyLevel").asInt(1));
    n.put("ClusterArn", c.arn);
    return r;
  }

  private JsonNode listClusters(JsonNode body) {
    Set<String> states = new HashSet<>();
    body.path("ClusterStates").forEach(s -> states.add(s.asText()));
    Instant after = body.has("CreatedAfter") ? instant(body.get("CreatedAfter")) : null;
    Instant before = body.has("CreatedBefore") ? instant(body.get("CreatedBefore")) : null;
    List<Cluster> all = new ArrayList<>(clusters.values());
    Collections.reverse(all); // newest first, like EMR
    List<Cluster> matching =
        all.stream()
            .filter(c -> states.isEmpty() || states.contains(c.state))
            .filter(c -> after == null || !c.created.isBefore(after))
            .filter(c -> before == null || !c.created.isAfter(before))
            .toList();
    ObjectNode r = NODES.objectNode();
    ArrayNode arr = r.putArray("Clusters");
    int from = marker(body);
    for (Cluster c :
        matching.subList(Math.min(from, matching.size()), Math.min(from + PAGE, matching.size()))) {
      ObjectNode s = arr.addObject();
      s.put("Id", c.id);
      s.put("Name", c.name);
      s.set("Status", clusterStatus(c));
      s.put("NormalizedInstanceHours", c.ready == null ? 0 : 8);
      s.put("ClusterArn", c.arn);
    }
    if (from + PAGE < matching.size()) {
      r.put("Marker", String.valueOf(from + PAGE));
    }
    return r;
  }

  private JsonNode listSteps(JsonNode body) {
    Cluster c = cluster(body, "ClusterId");
    Set<String> states = new HashSet<>();
    body.path("StepStates").forEach(s -> states.add(s.asText()));
    Set<String> ids = new HashSet<>();
    body.path("StepIds").forEach(s -> ids.add(s.asText()));
    List<Step> all = new ArrayList<>(c.steps);
    Collections.reverse(all); // most recent first, like EMR
    List<Step> matching =
        all.stream()
            .filter(s -> states.isEmpty() || states.contains(s.state))
            .filter(s -> ids.isEmpty() || ids.contains(s.id))
            .toList();
    ObjectNode r = NODES.objectNode();
    ArrayNode arr = r.putArray("Steps");
    int from = marker(body);
    for (Step s :
        matching.subList(Math.min(from, matching.size()), Math.min(from + PAGE, matching.size()))) {
      arr.add(step(s));
    }
    if (from + PAGE < matching.size()) {
      r.put("Marker", String.valueOf(from + PAGE));
    }
    return r;
  }

  private JsonNode describeStep(JsonNode body) {
    Cluster c = cluster(body, "ClusterId");
    String id = body.path("StepId").asText(null);
    Step s = c.steps.stream().filter(x -> x.id.equals(id)).findFirst().orElse(null);
    if (s == null) {
      throw invalidRequest("Step id '" + id + "' is not valid.");
    }
    ObjectNode r = NODES.objectNode();
    r.set("Step", step(s));
    return r;
  }

  private JsonNode addJobFlowSteps(JsonNode body) {
    Cluster c = cluster(body, "JobFlowId");
    if (TERMINAL.contains(c.state) || "TERMINATING".equals(c.state) || c.terminateRequested) {
      throw validation(
          "A job flow that is shutting down, terminated, or finished may not be modified.");
    }
    List<String> ids = addSteps(c, body.path("Steps"));
    ObjectNode r = NODES.objectNode();
    ArrayNode arr = r.putArray("StepIds");
    ids.forEach(arr::add);
    return r;
  }

  private JsonNode terminateJobFlows(JsonNode body) {
    List<Cluster> targets = new ArrayList<>();
    for (JsonNode id : body.path("JobFlowIds")) {
      Cluster c = clusters.get(id.asText());
      if (c == null) {
        throw validation("Job flow id '" + id.asText() + "' is not valid.");
      }
      targets.add(c);
    }
    if (targets.stream().anyMatch(c -> c.terminationProtected && !TERMINAL.contains(c.state))) {
      throw validation(
          "Could not shut down one or more job flows since they are termination protected.");
    }
    for (Cluster c : targets) {
      if (!TERMINAL.contains(c.state) && !c.terminateRequested) {
        c.terminateRequested = true;
        if (c.running != null && c.worker != null) {
          c.worker.interrupt();
        }
      }
    }
    lock.notifyAll();
    return NODES.objectNode();
  }

  private JsonNode addTags(JsonNode body) {
    Cluster c = cluster(body, "ResourceId");
    body.path("Tags").forEach(t -> c.tags.put(t.path("Key").asText(), t.path("Value").asText()));
    return NODES.objectNode();
  }

  private JsonNode removeTags(JsonNode body) {
    Cluster c = cluster(body, "ResourceId");
    body.path("TagKeys").forEach(k -> c.tags.remove(k.asText()));
    return NODES.objectNode();
  }

  private JsonNode setTerminationProtection(JsonNode body) {
    for (JsonNode id : body.path("JobFlowIds")) {
      Cluster c = clusters.get(id.asText());
      if (c == null) {
        throw validation("Job flow id '" + id.asText() + "' is not valid.");
      }
      c.terminationProtected = body.path("TerminationProtected").asBoolean();
    }
    return NODES.objectNode();
  }

  // ---------------------------------------------------------------------------------------------
  // JSON views

  private ObjectNode clusterStatus(Cluster c) {
    ObjectNode st = NODES.objectNode();
    st.put("State", c.state);
    ObjectNode reason = st.putObject("StateChangeReason");
    if (c.reasonCode != null) {
      reason.put("Code", c.reasonCode);
    }
    if (c.reasonMessage != null) {
      reason.put("Message", c.reasonMessage);
    }
    ObjectNode tl = st.putObject("Timeline");
    tl.put("CreationDateTime", epochSeconds(c.created));
    if (c.ready != null) {
      tl.put("ReadyDateTime", epochSeconds(c.ready));
    }
    if (c.ended != null) {
      tl.put("EndDateTime", epochSeconds(c.ended));
    }
    return st;
  }

  private static ObjectNode step(Step s) {
    ObjectNode n = NODES.objectNode();
    n.put("Id", s.id);
    n.put("Name", s.name);
    ObjectNode cfg = n.putObject("Config");
    cfg.put("Jar", s.jar);
    ObjectNode props = cfg.putObject("Properties");
    s.properties.forEach(props::put);
    if (s.mainClass != null) {
      cfg.put("MainClass", s.mainClass);
    }
    ArrayNode args = cfg.putArray("Args");
    s.args.forEach(args::add);
    n.put("ActionOnFailure", s.actionOnFailure);
    ObjectNode st = n.putObject("Status");
    st.put("State", s.state);
    st.putObject("StateChangeReason");
    if ("FAILED".equals(s.state)) {
      ObjectNode fd = st.putObject("FailureDetails");
      fd.put("Reason", s.failureReason);
      fd.put("Message", s.failureMessage);
      if (s.failureLogFile != null) {
        fd.put("LogFile", s.failureLogFile);
      }
    }
    ObjectNode tl = st.putObject("Timeline");
    tl.put("CreationDateTime", epochSeconds(s.created));
    if (s.started != null) {
      tl.put("StartDateTime", epochSeconds(s.started));
    }
    if (s.ended != null) {
      tl.put("EndDateTime", epochSeconds(s.ended));
    }
    return n;
  }

  private static ArrayNode tags(Map<String, String> tags) {
    ArrayNode arr = NODES.arrayNode();
    tags.forEach((k, v) -> arr.addObject().put("Key", k).put("Value", v));
    return arr;
  }

  private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode v = from.get(field);
    if (v != null && v.isTextual()) {
      to.put(as, v.asText());
    } else if (v != null && v.isObject() && v.has("AvailabilityZone")) {
      to.put(as, v.get("AvailabilityZone").asText());
    }
  }

  /** EMR's JSON timestamps: epoch seconds as a number with a millisecond fraction. */
  private static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }

  private static Instant instant(JsonNode n) {
    return Instant.ofEpochMilli(n.decimalValue().movePointRight(3).longValue());
  }

  private static int marker(JsonNode body) {
    JsonNode m = body.get("Marker");
    if (m == null || m.isNull()) {
      return 0;
    }
    try {
      return Integer.parseInt(m.asText());
    } catch (NumberFormatException e) {
      throw invalidRequest("Invalid marker");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cluster lifecycle (worker thread)

  private void lifecycle(Cluster c) {
    synchronized (lock) {
      c.worker = Thread.currentThread();
    }
    try {
      if (pause(c, options.startingDelay)) {
        userTerminate(c);
        return;
      }
      setState(c, "BOOTSTRAPPING", null, "Running bootstrap actions");
      if (pause(c, options.bootstrappingDelay)) {
        userTerminate(c);
        return;
      }
      synchronized (lock) {
        if (c.bootstrapFailure != null) {
          cancelPending(c);
          setState(c, "TERMINATING", "BOOTSTRAP_FAILURE", c.bootstrapFailure);
        }
      }
      if ("TERMINATING".equals(state(c))) {
        pause(c, options.terminatingDelay);
        end(c, "TERMINATED_WITH_ERRORS");
        return;
      }
      synchronized (lock) {
        c.ready = Instant.now();
      }
      setState(c, "RUNNING", null, "Running step");
      while (true) {
        Step next;
        synchronized (lock) {
          if (c.terminateRequested) {
            break;
          }
          next = c.steps.stream().filter(s -> s.state.equals("PENDING")).findFirst().orElse(null);
          if (next == null) {
            if (!c.keepAlive) {
              setState(
                  c,
                  "TERMINATING",
                  "ALL_STEPS_COMPLETED",
                  c.anyStepFailed ? "Steps completed with errors" : "Steps completed");
            } else {
              setState(c, "WAITING", null, "Cluster ready after last step completed.");
            }
          }
        }
        if (next == null) {
          if (!c.keepAlive) {
            pause(c, options.terminatingDelay);
            end(c, "TERMINATED");
            return;
          }
          if (waitIdle(c)) {
            continue; // a new step arrived, or a terminate request (checked at the loop head)
          }
          setState(
              c,
              "TERMINATING",
              "ALL_STEPS_COMPLETED",
              "Cluster was idle for "
                  + c.idleTimeoutSeconds
                  + " seconds (AutoTerminationPolicy IdleTimeout)");
          pause(c, options.terminatingDelay);
          end(c, "TERMINATED");
          return;
        }
        if (runStep(c, next)) {
          return; // the cluster ended because of the step
        }
      }
      userTerminate(c);
    } catch (InterruptedException e) {
      // emulator closed
    } catch (RuntimeException e) {
      synchronized (lock) {
        cancelPending(c);
        setState(c, "TERMINATED_WITH_ERRORS", "INTERNAL_ERROR", String.valueOf(e));
        c.ended = Instant.now();
      }
    }
  }

  /** Runs one step; returns true when the cluster ended (TERMINATE_CLUSTER on failure). */
  private boolean runStep(Cluster c, Step step) throws InterruptedException {
    StepExecutor executor;
    StepResult injected;
    EmrStep view;
    Path dir;
    synchronized (lock) {
      if (!"RUNNING".equals(c.state)) {
        setState(c, "RUNNING", null, "Running step");
      }
      step.state = "RUNNING";
      step.started = Instant.now();
      c.running = step;
      executor = stepExecutor;
      injected = stepFailures.get(step.name);
      view =
          new EmrStep(
              c.id,
              step.id,
              step.index,
              step.name,
              step.actionOnFailure,
              step.jar,
              step.mainClass,
              step.args,
              step.properties,
              c.logUri,
              c.request.toString());
      lock.notifyAll();
    }
    dir = workRoot.resolve(c.id).resolve("steps").resolve(step.id);
    StepResult result;
    try {
      Files.createDirectories(dir);
      if (injected != null) {
        result = injected;
      } else {
        executedSteps.add(view);
        result = executor.run(view, dir);
        if (result == null) {
          result = StepResult.failed("Unknown Error.", "StepExecutor returned null");
        }
      }
    } catch (InterruptedException e) {
      result = null; // terminated (or emulator closed)
    } catch (Exception e) {
      result = StepResult.failed("Unknown Error.", String.valueOf(e));
    }
    synchronized (lock) {
      c.running = null;
      // TerminateJobFlows interrupts only while c.running is set (under the lock): clear one that
      // raced with the step's end, so later waits of this worker are not disturbed.
      Thread.interrupted();
      step.ended = Instant.now();
      if (closed) {
        throw new InterruptedException("closed");
      }
      if (c.terminateRequested) {
        step.state = "CANCELLED";
        lock.notifyAll();
        return false; // the loop head sees terminateRequested
      }
      if (result == null) {
        result = StepResult.failed("Unknown Error.", "Step interrupted");
      }
      if (result.success()) {
        step.state = "COMPLETED";
        lock.notifyAll();
        return false;
      }
      step.state = "FAILED";
      step.failureReason = result.reason() == null ? "Unknown Error." : result.reason();
      step.failureMessage = result.message();
      step.failureLogFile = c.logUri == null ? null : logFile(c.logUri, c.id, step.id);
      c.anyStepFailed = true;
      switch (step.actionOnFailure) {
        case "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW" -> {
          cancelPending(c);
          setState(c, "TERMINATING", "STEP_FAILURE", "Shut down as step failed");
        }
        case "CANCEL_AND_WAIT" -> cancelPending(c);
        default -> {} // CONTINUE
      }
      lock.notifyAll();
      if (!"TERMINATING".equals(c.state)) {
        return false;
      }
    }
    pause(c, options.terminatingDelay);
    end(c, "TERMINATED_WITH_ERRORS");
    return true;
  }

  /** {@code <LogUri>/<cluster-id>/steps/<step-id>/stderr.gz}. */
  public static String logFile(String logUri, String clusterId, String stepId) {
    String base = logUri.endsWith("/") ? logUri : logUri + "/";
    return base + clusterId + "/steps/" + stepId + "/stderr.gz";
  }

  /**
   * WAITING: returns true when a step was added or termination was requested, false on idle
   * timeout.
   */
  private boolean waitIdle(Cluster c) throws InterruptedException {
    long idleNanos =
        c.idleTimeoutSeconds == null
            ? Long.MAX_VALUE
            : options.idleSecond.toNanos() * c.idleTimeoutSeconds;
    long start = System.nanoTime();
    synchronized (lock) {
      while (true) {
        if (closed) {
          throw new InterruptedException("closed");
        }
        if (c.terminateRequested || c.steps.stream().anyMatch(s -> s.state.equals("PENDING"))) {
          return true;
        }
        long left = idleNanos == Long.MAX_VALUE ? 1000 : idleNanos - (System.nanoTime() - start);
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  /** Sleeps up to {@code d}; returns true early when termination was requested. */
  private boolean pause(Cluster c, Duration d) throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    synchronized (lock) {
      while (true) {
        if (closed) {
          throw new InterruptedException("closed");
        }
        if (c.terminateRequested && !"TERMINATING".equals(c.state)) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  private void userTerminate(Cluster c) throws InterruptedException {
    synchronized (lock) {
      cancelPending(c);
      setState(c, "TERMINATING", "USER_REQUEST", "Terminated by user request");
    }
    pause(c, options.terminatingDelay);
    end(c, "TERMINATED");
  }

  private void cancelPending(Cluster c) {
    for (Step s : c.steps) {
      if (s.state.equals("PENDING")) {
        s.state = "CANCELLED";
      }
    }
  }

  private String state(Cluster c) {
    synchronized (lock) {
      return c.state;
    }
  }

  private void setState(Cluster c, String state, String code, String message) {
    synchronized (lock) {
      c.state = state;
      c.reasonCode = code;
      c.reasonMessage = message;
      lock.notifyAll();
    }
  }

  private void end(Cluster c, String finalState) {
    synchronized (lock) {
      c.state = finalState;
      c.ended = Instant.now();
      lock.notifyAll();
    }
  }
}
