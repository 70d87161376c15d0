package dev.lakesmith.launcher.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.ClusterPlanner;
import dev.lakesmith.launcher.cluster.EmrContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code trigger} logic for the AWS Lambda Java runtime, without the Lambda library: handler
 * {@code dev.lakesmith.launcher.trigger.LambdaHandler::handleRequest}, the event arriving as a map.
 * It starts clusters and returns (no waiting). Conf comes from {@code LAKESMITH_CONF} (one {@code
 * key=value} per line) and {@code LAKESMITH_CONF_FILES} (paths separated by {@code :}); AWS
 * settings from the function's role and region. Refused objects are reported in the result, not
 * thrown, so EventBridge does not retry them; AWS errors are thrown, so it does.
 */
public final class LambdaHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsSettings settings;
  private final List<File> confFiles;
  private final List<String> overrides;

  /** For the Lambda runtime: everything from the environment. */
  public LambdaHandler() {
    this(AwsSettings.fromEnvironment(), filesFromEnv(), overridesFromEnv());
  }

  public LambdaHandler(AwsSettings settings, List<File> confFiles, List<String> overrides) {
    this.settings = settings;
    this.confFiles = List.copyOf(confFiles);
    this.overrides = List.copyOf(overrides);
  }

  public Map<String, Object> handleRequest(Map<String, Object> event, Object context)
      throws InterruptedException {
    List<ObjectEvent> events = EventParser.parse(JSON.valueToTree(event), "lambda event");
    EmrContext emr = EmrContext.load(confFiles, overrides);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    TriggerService.Result result;
    try (AwsClients aws = AwsClients.create(settings)) {
      ClusterLauncher launcher =
          new ClusterLauncher(emr, aws, new ClusterPlanner(emr), out, Clock.systemUTC());
      result = new TriggerService(emr, launcher, out).handle(events, false);
    } finally {
      System.out.print(log.toString(StandardCharsets.UTF_8)); // CloudWatch
    }
    Map<String, Object> response = new LinkedHashMap<>();
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ClusterLauncher.Report r : result.launches()) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("run_id", r.runId());
      run.put("slices", r.launched());
      run.put("cluster_id", r.clusterId().orElse(null));
      run.put("not_started", r.busy().isEmpty() ? r.skipped() : r.busy());
      runs.add(run);
    }
    response.put("runs", runs);
    response.put(
        "refused",
        result.refused().stream()
            .map(x -> Map.of("object", x.event().toString(), "reason", x.reason()))
            .toList());
    response.put("log", log.toString(StandardCharsets.UTF_8).lines().toList());
    for (ClusterLauncher.Report r : result.launches()) {
      if (r.heldBy().isPresent()) {
        // A failed invocation is retried by Lambda (async retries, then the on-failure
        // destination), so the event is not lost while another run holds the dataset.
        throw JobFailure.internal("not started: " + r.heldBy().get() + "; the event is retried");
      }
    }
    return response;
  }

  private static List<File> filesFromEnv() {
    String files = System.getenv("LAKESMITH_CONF_FILES");
    return files == null || files.isBlank()
        ? List.of()
        : Arrays.stream(files.split(":")).filter(s -> !s.isBlank()).map(File::new).toList();
  }

  private static List<String> overridesFromEnv() {
    String conf = System.getenv("LAKESMITH_CONF");
    return conf == null
        ? List.of()
        : conf.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
