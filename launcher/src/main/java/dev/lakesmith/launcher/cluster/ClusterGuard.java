package dev.lakesmith.launcher.cluster;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.emr.EmrClient;

/**
 * Terminates a cluster this launcher created if the JVM exits (Ctrl-C, SIGTERM) while it is still
 * waiting on it. The cluster's AutoTerminationPolicy idle timeout is the backstop when the launcher
 * is killed without running its hooks.
 */
public final class ClusterGuard implements AutoCloseable {
  private final Thread hook;
  private final AtomicBoolean released = new AtomicBoolean();

  public ClusterGuard(EmrClient emr, String clusterId, PrintStream err) {
    this.hook =
        new Thread(
            () -> {
              if (released.get()) {
                return;
              }
              err.println(
                  "lakesmith: interrupted: terminating cluster " + clusterId + " (created by us)");
              try {
                emr.terminateJobFlows(b -> b.jobFlowIds(clusterId));
              } catch (RuntimeException e) {
                err.println(
                    "lakesmith: could not terminate "
                        + clusterId
                        + " ("
                        + e.getMessage()
                        + "); its idle timeout will end it");
              }
            },
            "lakesmith-terminate-" + clusterId);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The launcher is done waiting (the cluster ended or was handed back): no hook needed. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // JVM already shutting down: the hook sees `released` and does nothing
      }
    }
  }
}
