package dev.lakesmith.core.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepChainTest {
  @Test
  void anyArgumentsSurviveTheChainedCommandLine() {
    List<StepChain.Step> steps =
        List.of(
            new StepChain.Step("curate", List.of("--dataset", "events", "--conf", "a=2", "")),
            new StepChain.Step("register", List.of("register", "3", "--conf", "x=register 0")),
            new StepChain.Step("maintain", List.of()));

    List<String> args = StepChain.args(steps);

    assertEquals(steps, StepChain.parse(args));
    assertEquals(List.of("curate", "5", "--dataset"), args.subList(0, 3));
  }

  @Test
  void aCommandLineThatIsNoChainIsRefusedWithTheReason() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StepChain.parse(List.of()))
            .getMessage()
            .contains("at least one step"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StepChain.parse(List.of("curate")))
            .getMessage()
            .contains("no argument count"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> StepChain.parse(List.of("curate", "two", "--dataset", "events")))
            .getMessage()
            .contains("'two' is not an argument count"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> StepChain.parse(List.of("curate", "3", "--dataset", "events")))
            .getMessage()
            .contains("announces 3 arguments, 2 follow"));
    assertThrows(IllegalArgumentException.class, () -> new StepChain.Step("cu rate", List.of()));
  }

  @Test
  void theLauncherFindsTheStepAStartedLineNames() {
    String line = StepChain.started("register", 2, 2, "in the same Spark JVM");

    assertEquals("lakesmith: step register (2 of 2) started: in the same Spark JVM", line);
    assertEquals(Optional.of("register"), StepChain.startedStep(line));
    assertEquals(Optional.empty(), StepChain.startedStep("lakesmith: step register done in 1.0 s"));
    assertEquals(Optional.empty(), StepChain.startedStep("lakesmith: read 3 records"));
    assertEquals(
        "lakesmith: step curate done in 1.5 s", StepChain.done("curate", Duration.ofMillis(1500)));
  }
}
