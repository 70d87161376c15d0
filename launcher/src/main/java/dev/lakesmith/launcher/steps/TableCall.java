package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.invocation.JobInvocation;
import java.util.List;

/**
 * A whole-table job step (rollback, maintain) before it knows where it runs: local Spark and an EMR
 * cluster fill in the dataset's output root and the configuration as their step sees it, so both
 * run the same call.
 */
@FunctionalInterface
public interface TableCall {
  JobInvocation of(String dataset, String output, List<String> confFiles, List<String> overrides);
}
