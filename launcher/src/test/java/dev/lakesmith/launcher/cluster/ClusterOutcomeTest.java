package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepStatus;
import software.amazon.awssdk.services.emr.model.StepSummary;

/** How the end of a cluster becomes the launcher's exit code. */
class ClusterOutcomeTest {
  private static StepSummary step(StepState state, String message) {
    StepStatus.Builder status = StepStatus.builder().state(state);
    if (message != null) {
      status.failureDetails(f -> f.reason("Unknown Error.").message(message));
    }
    return StepSummary.builder()
        .id("s-1")
        .name("events 2023-11 curate")
        .status(status.build())
        .build();
  }

  private static ClusterOutcome outcome(
      ClusterState state, ClusterStateChangeReasonCode reason, StepSummary... steps) {
    return new ClusterOutcome("j-1", state, reason, "why", List.of(steps), "s3://logs/");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Command exited with ret code 1 | 1",
        "exit 2: lakesmith: error: lakesmith.emr.output is not set | 2",
        "exit code 3 | 3",
        "exit 137: killed | 3",
        "Exception in thread main: no input for dataset 'events' | 1"
      })
  void aFailedStepPassesItsOwnCodeThrough(String message, int exit) {
    ClusterOutcome failed =
        outcome(
            ClusterState.TERMINATED_WITH_ERRORS,
            ClusterStateChangeReasonCode.STEP_FAILURE,
            step(StepState.FAILED, message));

    assertEquals(exit, failed.exitCode());
  }

  @ParameterizedTest
  @CsvSource({
    "TERMINATED, ALL_STEPS_COMPLETED, COMPLETED, 0",
    "TERMINATED_WITH_ERRORS, VALIDATION_ERROR, CANCELLED, 2",
    "TERMINATED_WITH_ERRORS, BOOTSTRAP_FAILURE, CANCELLED, 3",
    "TERMINATED_WITH_ERRORS, INSTANCE_FAILURE, CANCELLED, 3",
    "TERMINATED_WITH_ERRORS, INTERNAL_ERROR, PENDING, 3",
    "TERMINATED, USER_REQUEST, CANCELLED, 3"
  })
  void aClusterThatEndedWithoutAFailedStepIsJudgedByItsReason(
      ClusterState state, ClusterStateChangeReasonCode reason, StepState step, int exit) {
    assertEquals(exit, outcome(state, reason, step(step, null)).exitCode());
  }
}
