package dev.lakesmith.core.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.layout.Slice;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line a step carries parses back, option by option, with the shared mixins. */
class JobInvocationTest {
  static final class Curate {
    @Mixin SliceArguments slice;

    @Option(names = "--run-id")
    String runId;
  }

  @Test
  void aCurateCommandLineParsesBackIntoTheSameCall() {
    JobInvocation call =
        JobInvocation.curate(
            "events",
            "r1",
            "s3://lake/out",
            Optional.of("s3://raw"),
            Optional.of("2023-11-02"),
            List.of("a.conf", "b.conf"),
            List.of("x=1", "y=2"));
    Curate parsed = new Curate();
    new CommandLine(parsed).parseArgs(call.args().toArray(String[]::new));
    assertEquals("events", parsed.slice.dataset);
    assertEquals("r1", parsed.runId);
    assertEquals("s3://lake/out", parsed.slice.output);
    assertEquals("s3://raw", parsed.slice.input);
    assertEquals(Optional.of("2023-11-02"), parsed.slice.checkedSlice());
    assertEquals(
        List.of("a.conf", "b.conf"),
        parsed.slice.confFiles.stream().map(f -> f.getPath()).toList());
    assertEquals(List.of("x=1", "y=2"), parsed.slice.overrides);
    assertEquals("dev.lakesmith.jobs.CurateJob", call.mainClass());
  }

  @Test
  void stepsAfterCurateKeepItsRunAndConfigurationButNotItsSlice() {
    JobInvocation curate =
        JobInvocation.curate(
            "events",
            "r1",
            "/o",
            Optional.of("/raw"),
            Optional.of("2023-11"),
            List.of(),
            List.of("x=1"));
    JobInvocation register = curate.then(JobInvocation.Job.REGISTER);
    assertEquals(
        List.of("--dataset", "events", "--run-id", "r1", "--output", "/o", "--conf", "x=1"),
        register.args());
    assertEquals("register", register.job().stepName());
  }

  @Test
  void optionsAStepDoesNotTakeAreRefusedWhenBuilt() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JobInvocation(
                JobInvocation.Job.REGISTER,
                "events",
                "r1",
                "/o",
                Optional.empty(),
                Optional.of("2023-11"),
                false,
                List.of(),
                List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> JobInvocation.register("events", " ", "/o", List.of(), List.of()));
  }

  @Test
  void slicesFillDateTokensWithDigitsOnly() {
    assertEquals("d=2023-11-[0-9][0-9]", Slice.parse("2023-11").fill("d={yyyy}-{MM}-{dd}"));
    assertEquals("d=2023-11-02", Slice.parse("2023-11-02").fill("d={yyyy}-{MM}-{dd}"));
    assertEquals("y=[0-9][0-9][0-9][0-9]/m=[0-9][0-9]", Slice.all().fill("y={yyyy}/m={MM}"));
  }
}
