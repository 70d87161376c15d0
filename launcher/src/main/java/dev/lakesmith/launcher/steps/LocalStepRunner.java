package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.progress.ProgressMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a step plan on this machine, one spark-submit process per step, as EMR would. The step's own
 * progress lines (or its live bar, on a terminal) are forwarded to the console, and a step that is
 * quiet for a while gets a line saying what it waits on; Spark's log goes to a file named on
 * failure (and to standard error too with {@code verbose}), in the launcher's log format.
 */
public final class LocalStepRunner {
  /** How long a step may be silent before the console says what it is waiting on. */
  public static final Duration QUIET = Duration.ofSeconds(10);

  private final LocalSpark spark;
  private final Path logDir;
  private final PrintStream out;
  private final Map<String, Map<String, String>> stepConf;
  private final Console console;
  private final Set<String> lightSteps;

  /** How steps talk to the console: bar or plain lines, and whether Spark's log is shown too. */
  public record Console(ProgressMode mode, boolean verbose, Duration quiet) {
    public static Console fromEnvironment() {
      return new Console(ProgressMode.fromEnvironment(), false, QUIET);
    }
  }

  public LocalStepRunner(LocalSpark spark, Path logDir, PrintStream out) {
    this(spark, logDir, out, Map.of());
  }

  public LocalStepRunner(
      LocalSpark spark, Path logDir, PrintStream out, Map<String, Map<String, String>> stepConf) {
    this(spark, logDir, out, stepConf, Console.fromEnvironment());
  }

  /**
   * @param stepConf extra spark-submit {@code --conf}s by step name (e.g. the local metastore for
   *     the register step)
   */
  public LocalStepRunner(
      LocalSpark spark,
      Path logDir,
      PrintStream out,
      Map<String, Map<String, String>> stepConf,
      Console console) {
    this(spark, logDir, out, stepConf, console, Set.of());
  }

  /**
   * @param lightSteps steps whose JVM also gets {@link LocalSettings#lightJavaOptions()}
   */
  public LocalStepRunner(
      LocalSpark spark,
      Path logDir,
      PrintStream out,
      Map<String, Map<String, String>> stepConf,
      Console console,
      Set<String> lightSteps) {
    this.spark = spark;
    this.logDir = logDir;
    this.out = out;
    this.stepConf = Map.copyOf(stepConf);
    this.console = console;
    this.lightSteps = Set.copyOf(lightSteps);
  }

  public void run(StepPlan plan) {
    LocalFiles files = LocalFiles.forThisBuild();
    Path jobJar = files.jobJar();
    Optional<ClassDataArchive> classData = spark.classDataArchive(jobJar, files);
    String logConfig = SparkLogConfig.writeInto(logDir);
    List<JobStep> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      runStep(plan, steps.get(i), i + 1, jobJar, classData, logConfig);
    }
  }

  private void runStep(
      StepPlan plan,
      JobStep step,
      int number,
      Path jobJar,
      Optional<ClassDataArchive> classData,
      String logConfig) {
    JobStep sent =
        console.verbose()
            ? new JobStep(step.name(), step.mainClass(), withVerbose(step.args()))
            : step;
    boolean archiving = classData.map(ClassDataArchive::writesAtExit).orElse(false);
    List<String> command =
        spark.command(
            sent,
            jobJar,
            stepConf.getOrDefault(step.name(), Map.of()),
            classData,
            driverFlags(step, logConfig));
    Path log = logDir.resolve(plan.runId() + "." + step.name() + ".log");
    out.printf(
        "lakesmith: step %s (%d of %d) started: %s%n",
        step.name(), number, plan.steps().size(), starting(step));
    if (archiving) {
      out.printf(
          "lakesmith: first run of this build: when step %s ends, Java writes Spark's class-data"
              + " archive (once, 10-30 s; later steps start faster)%n",
          step.name());
    }
    long start = System.nanoTime();
    int exit;
    try {
      Files.createDirectories(logDir);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put(ProgressMode.ENV, console.mode().envValue());
      if (!console.verbose()) {
        builder.redirectError(log.toFile());
      }
      Process process = builder.start();
      process.getOutputStream().close();
      String starting = starting(step);
      // The console closes first: it waits until the step's output has reached the log file.
      try (OutputStream logFile = console.verbose() ? Files.newOutputStream(log) : null;
          StepConsole stepConsole =
              new StepConsole(
                  out,
                  step.name(),
                  console.quiet(),
                  spoken -> waitingOn(spoken, starting, archiving))) {
        stepConsole.forward(process.getInputStream());
        if (logFile != null) {
          stepConsole.copy(process.getErrorStream(), List.of(logFile, System.err));
        }
        exit = process.waitFor();
      }
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

  private List<String> driverFlags(JobStep step, String logConfig) {
    List<String> flags = new java.util.ArrayList<>(List.of(logConfig));
    if (lightSteps.contains(step.name())) {
      flags.addAll(spark.settings().lightJavaOptions());
    }
    return flags;
  }

  /** What a step does before its first line: Spark's start, and the metastore's for register. */
  private String starting(JobStep step) {
    return stepConf.getOrDefault(step.name(), Map.of()).keySet().stream()
            .anyMatch(key -> key.contains("javax.jdo.option.ConnectionURL"))
        ? "starting Spark with the embedded metastore (Derby)"
        : "starting Spark";
  }

  /** What a quiet step is waiting on, by how far it got. */
  static String waitingOn(boolean spoken, String starting, boolean archiving) {
    if (!spoken) {
      return starting;
    }
    return archiving
        ? "Spark is working, or stopping while Java writes the class-data archive"
        : "Spark is working";
  }

  private static List<String> withVerbose(List<String> args) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add("--verbose");
    return all;
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
