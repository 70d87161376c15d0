package dev.lakesmith.launcher.testing;

import java.nio.file.Path;

/**
 * Runs one EMR step for {@link EmrEmulator}, on the cluster's worker thread (steps of a cluster run
 * one at a time, like EMR's default StepConcurrencyLevel 1).
 *
 * <p>Return {@link StepResult#ok()} or {@link StepResult#failed}; a thrown exception fails the step
 * with the exception as its reason. If the cluster is terminated while the step runs, the worker
 * thread is interrupted and the step ends CANCELLED whatever is returned.
 */
@FunctionalInterface
public interface StepExecutor {
  /**
   * @param step the step as EMR received it (HadoopJarStep jar, main class, args, properties)
   * @param workDir an empty per-step directory ({@code <root>/<cluster-id>/steps/<step-id>}) for
   *     downloads, stdout/stderr files, scratch
   */
  StepResult run(EmrStep step, Path workDir) throws Exception;
}
