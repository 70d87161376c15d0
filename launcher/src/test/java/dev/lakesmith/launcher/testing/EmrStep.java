package dev.lakesmith.launcher.testing;

import java.util.List;
import java.util.Map;

/**
 * One step as the emulator received it (AddJobFlowSteps or RunJobFlow {@code Steps[]}).
 *
 * @param clusterId {@code j-…}
 * @param stepId {@code s-…}
 * @param index 1-based position of the step in its cluster
 * @param name the step's {@code Name}
 * @param actionOnFailure {@code TERMINATE_CLUSTER}, {@code TERMINATE_JOB_FLOW}, {@code
 *     CANCEL_AND_WAIT} or {@code CONTINUE}
 * @param jar {@code HadoopJarStep.Jar}, e.g. {@code command-runner.jar}
 * @param mainClass {@code HadoopJarStep.MainClass}, or null
 * @param args {@code HadoopJarStep.Args}, e.g. {@code [spark-submit, --deploy-mode, cluster,
 *     --class, X, s3://bucket/app.jar, ...]}
 * @param properties {@code HadoopJarStep.Properties}
 * @param logUri the cluster's {@code LogUri}, or null
 * @param runJobFlowJson the cluster's whole RunJobFlow request body (Configurations, tags…)
 */
public record EmrStep(
    String clusterId,
    String stepId,
    int index,
    String name,
    String actionOnFailure,
    String jar,
    String mainClass,
    List<String> args,
    Map<String, String> properties,
    String logUri,
    String runJobFlowJson) {

  /** Whether this is a {@code command-runner.jar spark-submit …} step. */
  public boolean isSparkSubmit() {
    return "command-runner.jar".equals(jar)
        && !args.isEmpty()
        && "spark-submit".equals(args.get(0));
  }
}
