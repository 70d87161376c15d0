package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.invocation.StepChain;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of a {@link StepChain}: the steps of a local run in one Spark application, each the
 * same entry point with the same arguments as when it runs alone, sharing one session; the first
 * failure ends the chain with that step's exit code. When a later step works with the catalog, its
 * client (the embedded metastore, ~2 s to start) starts in the background while the earlier steps
 * run, on a core a small curate leaves idle.
 */
public final class StepChainJob {
  private StepChainJob() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    List<StepChain.Step> steps;
    List<SessionJob> jobs = new ArrayList<>();
    try {
      steps = StepChain.parse(List.of(args));
      steps.forEach(step -> jobs.add(entryPoint(step.name())));
    } catch (IllegalArgumentException e) {
      return JobErrors.report(
          JobFailure.config("not a chain of job steps: " + e.getMessage()), verbose, System.err);
    }
    Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    SparkSession spark =
        SessionJob.session(
            "lakesmith-"
                + steps.stream().map(StepChain.Step::name).collect(Collectors.joining("+")),
            jobs.stream().anyMatch(SessionJob::usesCatalog));
    CompletableFuture<Void> catalog = startCatalog(spark, jobs);
    try {
      for (int i = 0; i < steps.size(); i++) {
        StepChain.Step step = steps.get(i);
        if (i > 0) {
          System.out.println(
              StepChain.started(step.name(), i + 1, steps.size(), "in the same Spark JVM"));
          started = Instant.now();
        }
        int exit =
            JobErrors.execute(jobs.get(i).sharing(spark), step.args().toArray(String[]::new));
        if (exit != 0) {
          return exit;
        }
        if (i < steps.size() - 1) {
          System.out.println(StepChain.done(step.name(), Duration.between(started, Instant.now())));
        }
      }
      return 0;
    } finally {
      // A metastore still being created is let finish, so no half-made schema is left behind.
      catalog.join();
      spark.stop();
    }
  }

  /** The entry point a chained step names, refused when there is none by that name. */
  public static SessionJob entryPoint(String stepName) {
    JobInvocation.Job job =
        Arrays.stream(JobInvocation.Job.values())
            .filter(j -> j.stepName().equals(stepName))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no step named '" + stepName + "'"));
    return switch (job) {
      case CURATE -> new CurateJob();
      case REGISTER -> new RegisterJob();
      case ROLLBACK -> new RollbackJob();
      case MAINTAIN -> new MaintainJob();
    };
  }

  /**
   * Starts the catalog's client in the background when the first step does not need it but a later
   * one does. A failure is left for that step to meet and report: it starts the client again.
   */
  private static CompletableFuture<Void> startCatalog(SparkSession spark, List<SessionJob> jobs) {
    if (Boolean.getBoolean("exp.nobg")
        || jobs.get(0).usesCatalog()
        || jobs.stream().noneMatch(SessionJob::usesCatalog)) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
            () -> spark.sharedState().externalCatalog(),
            runnable -> {
              Thread thread = new Thread(runnable, "lakesmith-catalog-start");
              thread.setDaemon(true);
              thread.start();
            })
        .exceptionally(failure -> null);
  }
}
