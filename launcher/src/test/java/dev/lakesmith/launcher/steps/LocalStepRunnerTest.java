package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.invocation.StepChain;
import dev.lakesmith.core.progress.ProgressMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A failing step's exit code reaches the launcher's: the job's own codes as they are. */
class LocalStepRunnerTest {
  @TempDir Path tmp;

  /** A SPARK_HOME whose spark-submit prints the job's error line and exits with {@code exit}. */
  private LocalSpark sparkExiting(int exit) throws Exception {
    Path submit = tmp.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(
        submit, "#!/bin/sh\necho 'lakesmith: error: the step said why' >&2\nexit " + exit + "\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
    return new LocalSpark(
        Optional.of(tmp.resolve("spark")), new LocalSettings("local[1]", "1g", List.of()));
  }

  private JobStep step() {
    return new JobStep(
        "curate", JobInvocation.Job.CURATE.mainClass(), List.of("--dataset", "events"));
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "3, 3", "137, 3", "255, 3"})
  void aFailedStepExitsWithItsOwnCodeOrThree(int stepExit, int launcherExit) throws Exception {
    LocalStepRunner runner =
        new LocalStepRunner(
            sparkExiting(stepExit),
            tmp.resolve("logs"),
            new PrintStream(new ByteArrayOutputStream()));

    JobFailure failure =
        assertThrows(
            JobFailure.class, () -> runner.run(new StepPlan("events", "r1", List.of(step()))));

    assertEquals(launcherExit, failure.exitCode());
    assertEquals(
        "step curate failed (exit "
            + stepExit
            + "): the step said why; Spark log: "
            + tmp.resolve("logs/r1.curate.log"),
        failure.getMessage());
  }

  @Test
  void aStepThatCannotStartIsAnInfrastructureFailure() {
    LocalSpark missing =
        new LocalSpark(
            Optional.of(tmp.resolve("no-spark")), new LocalSettings("local[1]", "1g", List.of()));
    LocalStepRunner runner =
        new LocalStepRunner(
            missing, tmp.resolve("logs"), new PrintStream(new ByteArrayOutputStream()));

    JobFailure failure =
        assertThrows(
            JobFailure.class, () -> runner.run(new StepPlan("events", "r1", List.of(step()))));

    assertEquals(JobFailure.INTERNAL, failure.exitCode());
  }

  @Test
  void aQuietStepSaysWhatItWaitsOnAndItsOutputReachesTheConsolePlain() throws Exception {
    Path go = tmp.resolve("go");
    Path args = tmp.resolve("args");
    Path submit = tmp.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(
        submit,
        "#!/bin/sh\n"
            + "echo \"$@\" > '"
            + args
            + "'\n"
            + "echo 'a Spark log line' >&2\n"
            + "while [ ! -f '"
            + go
            + "' ]; do sleep 0.05; done\n"
            + "echo \"lakesmith: read 10 records in 0.1 s: 100 records/s (progress $"
            + ProgressMode.ENV
            + ")\"\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
    LocalSpark spark =
        new LocalSpark(
            Optional.of(tmp.resolve("spark")), new LocalSettings("local[1]", "1g", List.of()));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    LocalStepRunner runner =
        new LocalStepRunner(
            spark,
            tmp.resolve("logs"),
            out,
            Map.of(),
            new LocalStepRunner.Console(ProgressMode.PLAIN, false, Duration.ofMillis(100)));

    CompletableFuture<Void> done =
        CompletableFuture.runAsync(() -> runner.run(new StepPlan("events", "r1", List.of(step()))));
    while (!text(console).contains("still running") && !done.isDone()) {
      Thread.sleep(20);
    }
    Files.createFile(go);
    done.get();

    String printed = text(console);
    assertTrue(
        printed.contains("lakesmith: step curate (1 of 1) started: starting Spark"), printed);
    assertTrue(
        printed.matches(
            "(?s).*lakesmith: step curate still running, \\d+ s \\(starting Spark\\).*"),
        printed);
    assertTrue(
        printed.contains("lakesmith: read 10 records in 0.1 s: 100 records/s (progress plain)"),
        printed);
    assertTrue(printed.contains("lakesmith: step curate done in"), printed);
    assertFalse(printed.contains("a Spark log line"), "Spark's log stays in its file: " + printed);
    assertFalse(printed.contains("\r") || printed.contains("\u001b"), printed);
    assertTrue(Files.readString(tmp.resolve("logs/r1.curate.log")).contains("a Spark log line"));
    String sent = Files.readString(args);
    assertTrue(
        sent.contains(
            "--driver-java-options -Dlog4j2.configurationFile="
                + tmp.resolve("logs/spark-log4j2.properties").toUri()),
        sent);
    assertFalse(sent.contains("--verbose"), sent);
  }

  @Test
  void onlyLightStepsGetTheLightJavaOptions() throws Exception {
    Path submit = tmp.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    // each step appends its arguments, one line per step
    Files.writeString(submit, "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("args") + "'\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
    LocalSettings settings =
        new LocalSettings(
            "local[1]",
            "1g",
            List.of("-Dmine=1"),
            false,
            List.of("-XX:TieredStopAtLevel=1"),
            0,
            false,
            Map.of("spark.memory.fraction", "0.5"));
    JobStep register =
        new JobStep(
            StepPlan.REGISTER,
            JobInvocation.Job.REGISTER.mainClass(),
            List.of("--dataset", "events"));
    new LocalStepRunner(
            new LocalSpark(Optional.of(tmp.resolve("spark")), settings),
            tmp.resolve("logs"),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of(),
            new LocalStepRunner.Console(ProgressMode.PLAIN, false, LocalStepRunner.QUIET),
            Set.of(StepPlan.REGISTER))
        .run(new StepPlan("events", "r1", List.of(step(), register)));

    List<String> lines = Files.readAllLines(tmp.resolve("args"));
    assertEquals(2, lines.size(), lines.toString());
    assertFalse(lines.get(0).contains("TieredStopAtLevel"), "curate: " + lines.get(0));
    assertTrue(lines.get(0).contains("-Dmine=1"), lines.get(0));
    for (String line : lines) {
      assertTrue(line.contains("--conf spark.memory.fraction=0.5 "), "spark-conf: " + line);
    }
    assertTrue(
        lines.get(1).matches(".*--driver-java-options \\S+ -XX:TieredStopAtLevel=1 -Dmine=1 .*"),
        "register: the light options, then the user's (which win): " + lines.get(1));
  }

  /**
   * A SPARK_HOME whose spark-submit appends its arguments to {@code args}, then runs {@code body}.
   */
  private LocalSpark sparkRunning(String body, LocalSettings settings) throws Exception {
    Path submit = tmp.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(
        submit, "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("args") + "'\n" + body + "\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
    return new LocalSpark(Optional.of(tmp.resolve("spark")), settings);
  }

  private static LocalSettings oneJvm() {
    return new LocalSettings(
        "local[1]", "1g", List.of(), false, List.of("-XX:TieredStopAtLevel=1"), 0, true, Map.of());
  }

  private JobStep register() {
    return new JobStep(
        StepPlan.REGISTER, JobInvocation.Job.REGISTER.mainClass(), List.of("--dataset", "events"));
  }

  @Test
  void oneJvmRunsThePlanAsOneChainAndTimesEachOfItsSteps() throws Exception {
    LocalSpark spark =
        sparkRunning(
            "echo 'lakesmith: read 10 records'\n"
                + "echo 'lakesmith: step curate done in 1.0 s'\n"
                + "echo '"
                + StepChain.started("register", 2, 2, "in the same Spark JVM")
                + "'\n"
                + "echo 'a Spark log line' >&2",
            oneJvm());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    StepPlan plan = new StepPlan("events", "r1", List.of(step(), register()));

    new LocalStepRunner(
            spark,
            tmp.resolve("logs"),
            new PrintStream(console, true, StandardCharsets.UTF_8),
            Map.of(),
            new LocalStepRunner.Console(ProgressMode.PLAIN, false, LocalStepRunner.QUIET),
            Set.of(StepPlan.CURATE, StepPlan.REGISTER))
        .run(plan);

    List<String> sent = Files.readAllLines(tmp.resolve("args"));
    assertEquals(1, sent.size(), "one process: " + sent);
    assertTrue(
        sent.get(0)
            .matches(
                ".*-XX:TieredStopAtLevel=1 .*--class dev.lakesmith.jobs.StepChainJob \\S+"
                    + " curate 2 --dataset events register 2 --dataset events"),
        sent.get(0));
    String printed = text(console);
    assertTrue(
        printed.startsWith("lakesmith: step curate (1 of 2) started: starting Spark\n"), printed);
    assertTrue(
        printed.matches(
            "(?s).*lakesmith: step register \\(2 of 2\\) started: in the same Spark JVM\n"
                + "lakesmith: step register done in [0-9.]+ s \\(log \\S+/r1.curate\\+register.log\\)\n"),
        printed);
    assertTrue(
        Files.readString(tmp.resolve("logs/r1.curate+register.log")).contains("a Spark log line"));
  }

  @Test
  void aChainNamesTheStepThatFailedAndLightOptionsNeedEveryStepLight() throws Exception {
    LocalSpark spark =
        sparkRunning(
            "echo '"
                + StepChain.started("register", 2, 2, "in the same Spark JVM")
                + "'\necho 'lakesmith: error: the step said why' >&2\nexit 1",
            oneJvm());
    LocalStepRunner runner =
        new LocalStepRunner(
            spark,
            tmp.resolve("logs"),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of(),
            new LocalStepRunner.Console(ProgressMode.PLAIN, false, LocalStepRunner.QUIET),
            Set.of(StepPlan.REGISTER));

    JobFailure failure =
        assertThrows(
            JobFailure.class,
            () -> runner.run(new StepPlan("events", "r1", List.of(step(), register()))));

    assertEquals(
        "step register failed (exit 1): the step said why; Spark log: "
            + tmp.resolve("logs/r1.curate+register.log"),
        failure.getMessage());
    assertFalse(Files.readString(tmp.resolve("args")).contains("TieredStopAtLevel"));
  }

  @Test
  void verboseShowsSparksLogAndAsksTheJobForStackTraces() throws Exception {
    Path args = tmp.resolve("args");
    Path submit = tmp.resolve("spark/bin/spark-submit");
    Files.createDirectories(submit.getParent());
    Files.writeString(
        submit, "#!/bin/sh\necho \"$@\" > '" + args + "'\necho 'a Spark log line' >&2\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
    LocalSpark spark =
        new LocalSpark(
            Optional.of(tmp.resolve("spark")), new LocalSettings("local[1]", "1g", List.of()));
    PrintStream stderr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      new LocalStepRunner(
              spark,
              tmp.resolve("logs"),
              new PrintStream(new ByteArrayOutputStream()),
              Map.of(),
              new LocalStepRunner.Console(ProgressMode.PLAIN, true, LocalStepRunner.QUIET))
          .run(new StepPlan("events", "r1", List.of(step())));
    } finally {
      System.setErr(stderr);
    }
    assertTrue(text(err).contains("a Spark log line"), text(err));
    assertTrue(Files.readString(tmp.resolve("logs/r1.curate.log")).contains("a Spark log line"));
    assertTrue(Files.readString(args).strip().endsWith("--verbose"), Files.readString(args));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
