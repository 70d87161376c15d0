package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.StepChain;
import dev.lakesmith.core.progress.ProgressMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a step plan on this machine: all its steps in one spark-submit process (a {@link StepChain},
 * the same entry points and arguments as EMR's steps in one Spark application), or with {@code
 * lakesmith.local.one-jvm = false} one process per step, exactly as EMR runs them. The step's own
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
    List<List<JobStep>> processes =
        spark.settings().oneJvm() ? List.of(steps) : steps.stream().map(List::of).toList();
    int number = 1;
    for (List<JobStep> process : processes) {
      new Process(plan, process, number).run(jobJar, classData, logConfig);
      number += process.size();
    }
  }

  /**
   * One Spark JVM running {@code steps} (one, or a {@link StepChain} of several) whose first step
   * is number {@code first} of the plan; it follows the chain's step lines to time each step and to
   * name the one that failed.
   */
  private final class Process {
    private final StepPlan plan;
    private final List<JobStep> steps;
    private final int first;
    private volatile String current;
    private volatile long currentStart;
    private StepConsole stepConsole;

    Process(StepPlan plan, List<JobStep> steps, int first) {
      this.plan = plan;
      this.steps = steps;
      this.first = first;
      this.current = steps.get(0).name();
    }

    void run(Path jobJar, Optional<ClassDataArchive> classData, String logConfig) {
      JobStep command = JobStep.chain(steps.stream().map(this::sent).toList());
      boolean archiving = classData.map(ClassDataArchive::writesAtExit).orElse(false);
      Map<String, String> conf = new LinkedHashMap<>();
      steps.forEach(step -> conf.putAll(stepConf.getOrDefault(step.name(), Map.of())));
      Path log = logDir.resolve(plan.runId() + "." + command.name() + ".log");
      String starting = starting(steps.get(0));
      out.println(StepChain.started(current, first, plan.steps().size(), starting));
      if (archiving) {
        out.printf(
            "lakesmith: first run of this build: when step %s ends, Java writes Spark's"
                + " class-data archive (once, 10-30 s; later steps start faster)%n",
            steps.get(steps.size() - 1).name());
      }
      currentStart = System.nanoTime();
      int exit;
      try {
        Files.createDirectories(logDir);
        ProcessBuilder builder =
            new ProcessBuilder(
                spark.command(command, jobJar, conf, classData, driverFlags(logConfig)));
        builder.environment().put(ProgressMode.ENV, console.mode().envValue());
        if (!console.verbose()) {
          builder.redirectError(log.toFile());
        }
        java.lang.Process process = builder.start();
        process.getOutputStream().close();
        // The console closes first: it waits until the step's output has reached the log file.
        try (OutputStream logFile = console.verbose() ? Files.newOutputStream(log) : null;
            StepConsole stepConsole =
                new StepConsole(
                    out,
                    current,
                    console.quiet(),
                    spoken -> waitingOn(spoken, starting, archiving),
                    this::nextStep)) {
          this.stepConsole = stepConsole;
          stepConsole.forward(process.getInputStream());
          if (logFile != null) {
            stepConsole.copy(process.getErrorStream(), List.of(logFile, System.err));
          }
          exit = process.waitFor();
        }
      } catch (IOException e) {
        throw JobFailure.internal(
            "cannot start Spark for step " + current + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JobFailure.internal(
            "interrupted while step " + current + " was running; log: " + log);
      }
      boolean succeeded = exit == 0;
      classData.ifPresent(archive -> archive.settle(succeeded));
      if (exit != 0) {
        throw new JobFailure(
            exitCode(exit),
            "step "
                + current
                + " failed (exit "
                + exit
                + "): "
                + StepLog.reason(log)
                + "; Spark log: "
                + log);
      }
      out.println(
          StepChain.done(current, Duration.ofNanos(System.nanoTime() - currentStart))
              + " (log "
              + log
              + ")");
    }

    /** A chain's line saying its next step started. */
    private void nextStep(String line) {
      StepChain.startedStep(line)
          .filter(name -> steps.stream().anyMatch(step -> step.name().equals(name)))
          .ifPresent(
              name -> {
                current = name;
                currentStart = System.nanoTime();
                stepConsole.stepStarted(name);
              });
    }

    private JobStep sent(JobStep step) {
      return console.verbose()
          ? new JobStep(step.name(), step.mainClass(), withVerbose(step.args()))
          : step;
    }

    private List<String> driverFlags(String logConfig) {
      List<String> flags = new ArrayList<>(List.of(logConfig));
      if (steps.stream().allMatch(step -> lightSteps.contains(step.name()))) {
        flags.addAll(spark.settings().lightJavaOptions());
      }
      return flags;
    }
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
    List<String> all = new ArrayList<>(args);
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
