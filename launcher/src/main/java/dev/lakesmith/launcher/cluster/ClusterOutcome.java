package dev.lakesmith.launcher.cluster;

import java.util.List;
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

  public ClusterOutcome {
    steps = List.copyOf(steps);
  }

  public boolean succeeded() {
    return state == ClusterState.TERMINATED
        && reasonCode == ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED
        && !steps.isEmpty()
        && steps.stream().allMatch(s -> s.status().state() == StepState.COMPLETED);
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
