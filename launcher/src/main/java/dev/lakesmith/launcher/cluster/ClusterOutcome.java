package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.JobFailure;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * How a cluster ended: its final state and reason, and every step in submission order. A run
 * succeeded only when every step COMPLETED and the cluster TERMINATED after its steps.
 */
public record ClusterOutcome(
    String clusterId,
    ClusterState state,
    ClusterStateChangeReasonCode reasonCode,
    String reasonMessage,
    List<StepSummary> steps,
    String logUri) {

  /** How a step's failure message names its exit code ("exit 2", "exit code 2", "ret code 2"). */
  private static final Pattern STEP_EXIT =
      Pattern.compile("\\b(?:exit|exit code|exitCode|ret code)[ :=]+(\\d{1,3})\\b");

  public ClusterOutcome {
    steps = List.copyOf(steps);
  }

  public boolean succeeded() {
    return state == ClusterState.TERMINATED
        && reasonCode == ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED
        && !steps.isEmpty()
        && steps.stream().allMatch(s -> s.status().state() == StepState.COMPLETED);
  }

  /**
   * The launcher's exit code for this outcome: 0 when it succeeded; for a failed step the job's own
   * code when its failure message carries one (passed through as 1, 2 or 3), else 1 (the job failed
   * and said no more); 2 when EMR refused the cluster's configuration; 3 for everything else that
   * ended it (instances, bootstrap, EMR itself, someone terminating it).
   */
  public int exitCode() {
    if (succeeded()) {
      return 0;
    }
    List<StepSummary> failed = failedSteps();
    if (!failed.isEmpty()) {
      return stepExitCode(failed.get(0));
    }
    return reasonCode == ClusterStateChangeReasonCode.VALIDATION_ERROR
        ? JobFailure.BAD_USAGE
        : JobFailure.INTERNAL;
  }

  static int stepExitCode(StepSummary step) {
    var details = step.status().failureDetails();
    Matcher exit =
        STEP_EXIT.matcher(details == null || details.message() == null ? "" : details.message());
    if (!exit.find()) {
      return JobFailure.BAD_INPUT;
    }
    int code = Integer.parseInt(exit.group(1));
    return code == JobFailure.BAD_INPUT || code == JobFailure.BAD_USAGE
        ? code
        : JobFailure.INTERNAL;
  }

  public List<StepSummary> failedSteps() {
    return steps.stream().filter(s -> s.status().state() == StepState.FAILED).toList();
  }

  /** {@code <LogUri>/<cluster-id>/steps/<step-id>/stderr.gz}. */
  public String stepLog(String stepId) {
    return logPath(logUri, clusterId, stepId);
  }

  public static String logPath(String logUri, String clusterId, String stepId) {
    String base = logUri.endsWith("/") ? logUri : logUri + "/";
    return base + clusterId + "/steps/" + stepId + "/stderr.gz";
  }

  /** One line per failed step: name, id, FailureDetails and the stderr path. */
  public String describeFailure(StepSummary step) {
    var details = step.status().failureDetails();
    String reason =
        details == null
            ? "no FailureDetails"
            : String.join(
                ": ",
                java.util.stream.Stream.of(details.reason(), details.message())
                    .filter(x -> x != null && !x.isBlank())
                    .toList());
    return String.format(
        "step \"%s\" (%s) FAILED: %s; log: %s",
        step.name(), step.id(), reason.isEmpty() ? "no reason given" : reason, stepLog(step.id()));
  }
}
