package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.invocation.JobInvocation;
import java.util.List;

/**
 * One spark-submit step: the same value is run by the local runner and sent to EMR, so a local run
 * rehearses exactly what the cluster will do.
 */
public record JobStep(String name, String mainClass, List<String> args) {
  public JobStep {
    args = List.copyOf(args);
  }

  public static JobStep of(JobInvocation call) {
    return new JobStep(call.job().stepName(), call.mainClass(), call.args());
  }
}
