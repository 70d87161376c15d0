package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.JobInvocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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
}
