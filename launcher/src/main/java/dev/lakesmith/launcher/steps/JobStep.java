package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.invocation.StepChain;
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

  /** {@code steps} as one step: itself when alone, else their {@link StepChain}, named a+b. */
  public static JobStep chain(List<JobStep> steps) {
    if (steps.size() == 1) {
      return steps.get(0);
    }
    return new JobStep(
        String.join("+", steps.stream().map(JobStep::name).toList()),
        StepChain.MAIN_CLASS,
        StepChain.args(steps.stream().map(s -> new StepChain.Step(s.name(), s.args())).toList()));
  }
}
