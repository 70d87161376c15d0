package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.progress.Progress;
import dev.lakesmith.core.progress.ProgressMode;
import dev.lakesmith.launcher.steps.JobStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/** Lines per step and per month of a backfill, from the states a watcher polls. */
class StepProgressTest {
  private static final long SECOND = 1_000_000_000L;
  private static final List<String> MONTHS = List.of("2023-10", "2023-11", "2023-12", "2024-01");

  private static ClusterSpec spec() {
    List<ClusterSpec.Step> steps = new ArrayList<>();
    for (String month : MONTHS) {
      for (String job : List.of("curate", "register")) {
        steps.add(
            new ClusterSpec.Step(
                month, new JobStep(job, "Main", List.of()), ActionOnFailure.CONTINUE));
      }
    }
    return new ClusterSpec(
        "events",
        "2023-10..2024-01",
        "r1",
        new ClusterSize(1, 1, 1, 0),
        steps,
        "s3://a/jobs.jar",
        Optional.empty());
  }

  /** The cluster's steps with the first {@code done} ended (the one at {@code failed} FAILED). */
  private static List<StepSummary> poll(int done, int failed) {
    List<StepSummary> steps = new ArrayList<>();
    ClusterSpec spec = spec();
    for (int i = 0; i < spec.steps().size(); i++) {
      StepState state =
          i < done
              ? (i == failed ? StepState.FAILED : StepState.COMPLETED)
              : i == done ? StepState.RUNNING : StepState.PENDING;
      int index = i;
      steps.add(
          StepSummary.builder()
              .id("s-" + index)
              .name(spec.steps().get(i).name("events"))
              .status(s -> s.state(state))
              .build());
    }
    return steps;
  }

  private static String watch(ProgressMode mode) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (StepProgress progress =
        StepProgress.of(
            spec(),
            true,
            new Progress(mode, new PrintStream(bytes, true, StandardCharsets.UTF_8), 100))) {
      // the first step starts 60 s in; each month (two steps) then takes 100 s
      progress.update(poll(0, -1), 60 * SECOND, 0);
      progress.update(poll(2, -1), 160 * SECOND, 0);
      progress.update(poll(3, 2), 210 * SECOND, 0);
      progress.update(poll(4, 2), 260 * SECOND, 0);
      progress.update(poll(8, 2), 460 * SECOND, 0);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBackfillSaysMonthsDoneOfTotalWithTheTimeLeft() {
    String out = watch(ProgressMode.PLAIN);
    List<String> months =
        out.lines().filter(l -> l.startsWith("lakesmith: backfill events: ")).toList();
    assertEquals(
        List.of(
            "lakesmith: backfill events: 2023-10 done; 1 of 4 months done, 2m40s elapsed, about"
                + " 5m00s left",
            "lakesmith: backfill events: 2023-11 FAILED; 2 of 4 months done (1 failed), 4m20s"
                + " elapsed, about 3m20s left",
            "lakesmith: backfill events: 2023-12 done; 3 of 4 months done (1 failed), 7m40s"
                + " elapsed, about 2m13s left",
            "lakesmith: backfill events: 2024-01 done; 4 of 4 months done (1 failed), 7m40s"
                + " elapsed"),
        months,
        out);
    assertTrue(out.contains("lakesmith: step \"events 2023-10 curate\" RUNNING, 1m00s elapsed"));
    assertTrue(out.contains("lakesmith: step \"events 2023-11 curate\" FAILED in 0m50s"), out);
    assertFalse(out.contains("\r") || out.contains("\u001b"), out);
  }

  @Test
  void aTerminalAlsoGetsABarOfMonths() {
    String out = watch(ProgressMode.BAR);
    assertTrue(out.contains("\r"), out);
    assertTrue(out.contains("4/4 months"), out);
    assertTrue(out.contains("lakesmith: backfill events: 2023-11 FAILED; 2 of 4 months"), out);
  }
}
