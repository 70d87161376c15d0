package dev.lakesmith.launcher.steps;

import dev.lakesmith.jobs.JobFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a step plan on this machine, one spark-submit process per step, as EMR would. The step's own
 * progress lines go to the console; Spark's log goes to a file named on failure.
 */
public final class LocalStepRunner {
  private final LocalSpark spark;
  private final Path logDir;
  private final PrintStream out;
  private final Map<String, Map<String, String>> stepConf;

  public LocalStepRunner(LocalSpark spark, Path logDir, PrintStream out) {
    this(spark, logDir, out, Map.of());
  }

  /**
   * @param stepConf extra spark-submit {@code --conf}s by step name (e.g. the local metastore for
   *     the register step)
   */
  public LocalStepRunner(
      LocalSpark spark, Path logDir, PrintStream out, Map<String, Map<String, String>> stepConf) {
    this.spark = spark;
    this.logDir = logDir;
    this.out = out;
    this.stepConf = Map.copyOf(stepConf);
  }

  public void run(StepPlan plan) {
    LocalFiles files = LocalFiles.forThisBuild();
    Path jobJar = files.jobJar();
    Optional<ClassDataArchive> classData = spark.classDataArchive(jobJar, files);
    for (JobStep step : plan.steps()) {
      runStep(plan, step, jobJar, classData);
    }
  }

  private void runStep(
      StepPlan plan, JobStep step, Path jobJar, Optional<ClassDataArchive> classData) {
    List<String> command =
        spark.command(step, jobJar, stepConf.getOrDefault(step.name(), Map.of()), classData);
    Path log = logDir.resolve(plan.runId() + "." + step.name() + ".log");
    long start = System.nanoTime();
    int exit;
    try {
      Files.createDirectories(logDir);
      // The step's own lines go through `out`, not straight to this JVM's file descriptor 1, so
      // whoever owns `out` (a console, a caller capturing it, a test runner's channel) gets them.
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      process.getInputStream().transferTo(out);
      out.flush();
      exit = process.waitFor();
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot start Spark for step " + step.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JobFailure.internal(
          "interrupted while step " + step.name() + " was running; log: " + log);
    }
    boolean succeeded = exit == 0;
    classData.ifPresent(archive -> archive.settle(succeeded));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new JobFailure(
          exitCode(exit),
          "step "
              + step.name()
              + " failed (exit "
              + exit
              + "): "
              + StepLog.reason(log)
              + "; Spark log: "
              + log);
    }
    out.printf(
        "lakesmith: step %s done in %.1f s (log %s)%n", step.name(), took.toMillis() / 1000.0, log);
  }

  /**
   * The launcher's exit code for a step's: the job's own codes (1 bad input, 2 bad usage, 3
   * internal) pass through; anything else (a JVM killed by a signal or out of memory, a crash) is
   * an infrastructure failure.
   */
  static int exitCode(int stepExit) {
    return switch (stepExit) {
      case JobFailure.BAD_INPUT, JobFailure.BAD_USAGE, JobFailure.INTERNAL -> stepExit;
      default -> JobFailure.INTERNAL;
    };
  }
}
