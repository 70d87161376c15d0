package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsFailures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Waits for a cluster to end, polling DescribeCluster and ListSteps with exponential backoff,
 * printing a progress line whenever the state or the current step changes (and at a heartbeat).
 * Throttling and transient errors that outlast the SDK's own retries only lengthen the wait. It
 * makes sure the cluster ends: a failed step with the cluster still up, or a cluster idling in
 * WAITING with no steps left, gets TerminateJobFlows.
 */
public final class ClusterWatcher {
  private static final Set<ClusterState> ENDED =
      Set.of(ClusterState.TERMINATED, ClusterState.TERMINATED_WITH_ERRORS);
  private static final int MAX_CONSECUTIVE_ERRORS = 30;

  private final EmrClient emr;
  private final EmrSettings.Poll poll;
  private final PrintStream out;
  private final boolean terminateOnStepFailure;
  private final StepProgress progress;

  /**
   * @param terminateOnStepFailure true for single runs (any failed step ends the run); false for a
   *     backfill, whose other slices carry on
   */
  public ClusterWatcher(
      EmrClient emr, EmrSettings.Poll poll, PrintStream out, boolean terminateOnStepFailure) {
    this(emr, poll, out, terminateOnStepFailure, StepProgress.untracked(out));
  }

  /** With the steps' progress (lines per step and month, a bar on a terminal). */
  public ClusterWatcher(
      EmrClient emr,
      EmrSettings.Poll poll,
      PrintStream out,
      boolean terminateOnStepFailure,
      StepProgress progress) {
    this.emr = emr;
    this.poll = poll;
    this.out = out;
    this.terminateOnStepFailure = terminateOnStepFailure;
    this.progress = progress;
  }

  public ClusterOutcome await(String clusterId) throws InterruptedException {
    try (progress) {
      return watch(clusterId);
    }
  }

  private ClusterOutcome watch(String clusterId) throws InterruptedException {
    long start = System.nanoTime();
    long lastPrint = 0;
    String lastStatus = null;
    Duration delay = poll.initial();
    int errors = 0;
    boolean terminateSent = false;
    while (true) {
      Cluster cluster;
      List<StepSummary> steps;
      try {
        cluster = emr.describeCluster(b -> b.clusterId(clusterId)).cluster();
        steps = steps(clusterId);
        errors = 0;
      } catch (SdkException e) {
        if (!retryable(e) || ++errors > MAX_CONSECUTIVE_ERRORS) {
          throw new JobFailure(
              AwsFailures.exitCode(e),
              "cannot watch cluster "
                  + clusterId
                  + " ("
                  + e.getMessage()
                  + "); it ends on its own (idle timeout); check the EMR console",
              e);
        }
        progress.println(
            String.format(
                "lakesmith: EMR did not answer (%s); retrying in %d s",
                e.getClass().getSimpleName(), delay.toSeconds()));
        Thread.sleep(delay.toMillis());
        delay = grow(delay);
        continue;
      }
      ClusterState state = cluster.status().state();
      String status = status(cluster, steps);
      long now = System.nanoTime();
      progress.update(steps, now, start);
      if (!status.equals(lastStatus) || now - lastPrint >= poll.heartbeat().toNanos()) {
        progress.println(
            String.format("lakesmith: %s %s, %s elapsed", clusterId, status, elapsed(now - start)));
        lastStatus = status;
        lastPrint = now;
      }
      if (ENDED.contains(state)) {
        var reason = cluster.status().stateChangeReason();
        return new ClusterOutcome(
            clusterId,
            state,
            reason == null ? null : reason.code(),
            reason == null ? null : reason.message(),
            steps,
            cluster.logUri());
      }
      if (!terminateSent && mustTerminate(state, steps)) {
        progress.println(String.format("lakesmith: terminating %s (%s)", clusterId, why(state)));
        emr.terminateJobFlows(b -> b.jobFlowIds(clusterId));
        terminateSent = true;
      }
      Thread.sleep(delay.toMillis());
      delay = grow(delay);
    }
  }

  private boolean mustTerminate(ClusterState state, List<StepSummary> steps) {
    if (state == ClusterState.TERMINATING) {
      return false;
    }
    boolean failed = steps.stream().anyMatch(s -> s.status().state() == StepState.FAILED);
    boolean idle =
        state == ClusterState.WAITING
            && steps.stream()
                .noneMatch(
                    s ->
                        s.status().state() == StepState.PENDING
                            || s.status().state() == StepState.RUNNING);
    return (terminateOnStepFailure && failed) || idle;
  }

  private String why(ClusterState state) {
    return state == ClusterState.WAITING ? "idle with no steps left" : "a step failed";
  }

  private Duration grow(Duration d) {
    Duration next = d.multipliedBy(2);
    return next.compareTo(poll.max()) > 0 ? poll.max() : next;
  }

  private static boolean retryable(SdkException e) {
    return e.retryable()
        || (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
            && (a.isThrottlingException() || a.statusCode() >= 500));
  }

  /** All steps, in submission order (ListSteps returns the newest first). */
  private List<StepSummary> steps(String clusterId) {
    List<StepSummary> all = new ArrayList<>();
    emr.listStepsPaginator(b -> b.clusterId(clusterId)).steps().forEach(all::add);
    Collections.reverse(all);
    return all;
  }

  static String status(Cluster cluster, List<StepSummary> steps) {
    StringBuilder s = new StringBuilder(cluster.status().state().toString());
    long done = steps.stream().filter(x -> x.status().state() == StepState.COMPLETED).count();
    long failed = steps.stream().filter(x -> x.status().state() == StepState.FAILED).count();
    s.append(", steps ").append(done).append('/').append(steps.size()).append(" completed");
    if (failed > 0) {
      s.append(", ").append(failed).append(" failed");
    }
    steps.stream()
        .filter(x -> x.status().state() == StepState.RUNNING)
        .findFirst()
        .ifPresent(x -> s.append(", running \"").append(x.name()).append('"'));
    return s.toString();
  }

  static String elapsed(long nanos) {
    long seconds = Duration.ofNanos(nanos).toSeconds();
    return seconds >= 3600
        ? String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
