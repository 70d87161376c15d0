package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.progress.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * What a watched cluster's steps did, as lines: one when a step starts and one when it ends (with
 * its time), and for a backfill one per month finished, with months done of total, time elapsed and
 * an estimate of the time left. On a terminal a live bar shows months (or steps) done of total
 * under those lines.
 */
public final class StepProgress implements AutoCloseable {
  private static final Set<StepState> ENDED =
      Set.of(StepState.COMPLETED, StepState.FAILED, StepState.CANCELLED, StepState.INTERRUPTED);

  private final Progress progress;
  private final Map<String, String> sliceOfStep;
  private final List<String> slices;
  private final boolean backfill;
  private final String dataset;
  private final Map<String, StepState> lastState = new HashMap<>();
  private final Map<String, Long> runningSince = new HashMap<>();
  private final Map<String, StepState> sliceEnded = new LinkedHashMap<>();
  private Progress.Bar bar;
  private long firstStepStarted = -1;

  private StepProgress(
      Progress progress, String dataset, Map<String, String> sliceOfStep, boolean backfill) {
    this.progress = progress;
    this.dataset = dataset;
    this.sliceOfStep = Map.copyOf(sliceOfStep);
    this.slices = List.copyOf(new LinkedHashSet<>(sliceOfStep.values()));
    this.backfill = backfill;
  }

  /** The steps of {@code spec}; a backfill counts months done. */
  public static StepProgress of(ClusterSpec spec, boolean backfill, Progress progress) {
    Map<String, String> sliceOfStep = new LinkedHashMap<>();
    spec.steps().forEach(step -> sliceOfStep.put(step.name(spec.dataset()), step.slice()));
    return new StepProgress(progress, spec.dataset(), sliceOfStep, backfill);
  }

  /** Steps of a cluster this launcher did not plan: step lines only. */
  public static StepProgress untracked(PrintStream out) {
    return new StepProgress(Progress.plain(out), "", Map.of(), false);
  }

  /** Prints a line (above the bar, if one is drawn). */
  public void println(String line) {
    if (bar == null) {
      progress.out().println(line);
    } else {
      bar.println(line);
    }
  }

  /**
   * Takes in one poll's steps.
   *
   * @param now when they were listed ({@link System#nanoTime()})
   * @param watchStart when the watch began
   */
  public void update(List<StepSummary> steps, long now, long watchStart) {
    if (bar == null) {
      bar =
          backfill
              ? progress.start("months", slices.size(), "months")
              : progress.start("steps", steps.size(), "steps");
    }
    for (StepSummary step : steps) {
      StepState state = step.status().state();
      StepState before = lastState.put(step.id(), state);
      if (state == before) {
        continue;
      }
      if (state == StepState.RUNNING) {
        runningSince.put(step.id(), now);
        if (firstStepStarted < 0) {
          firstStepStarted = now;
        }
        println(
            String.format(
                "lakesmith: step \"%s\" RUNNING, %s elapsed",
                step.name(), ClusterWatcher.elapsed(now - watchStart)));
      } else if (ENDED.contains(state)) {
        println(
            String.format(
                "lakesmith: step \"%s\" %s%s, %s elapsed",
                step.name(),
                state,
                took(step, now).map(d -> " in " + ClusterWatcher.elapsed(d.toNanos())).orElse(""),
                ClusterWatcher.elapsed(now - watchStart)));
      }
    }
    if (backfill) {
      monthsDone(steps, now, watchStart);
    } else {
      bar.stepTo(steps.stream().filter(s -> s.status().state() == StepState.COMPLETED).count());
    }
  }

  private void monthsDone(List<StepSummary> steps, long now, long watchStart) {
    Map<String, List<StepState>> bySlice = new LinkedHashMap<>();
    for (StepSummary step : steps) {
      String slice = sliceOfStep.get(step.name());
      if (slice != null) {
        bySlice.computeIfAbsent(slice, s -> new ArrayList<>()).add(step.status().state());
      }
    }
    for (Map.Entry<String, List<StepState>> entry : bySlice.entrySet()) {
      List<StepState> states = entry.getValue();
      if (sliceEnded.containsKey(entry.getKey()) || !states.stream().allMatch(ENDED::contains)) {
        continue;
      }
      boolean ok = states.stream().allMatch(s -> s == StepState.COMPLETED);
      sliceEnded.put(entry.getKey(), ok ? StepState.COMPLETED : StepState.FAILED);
      bar.stepTo(sliceEnded.size());
      println(monthLine(entry.getKey(), ok, now, watchStart));
    }
  }

  private String monthLine(String slice, boolean ok, long now, long watchStart) {
    int done = sliceEnded.size();
    long failed = sliceEnded.values().stream().filter(s -> s != StepState.COMPLETED).count();
    int left = slices.size() - done;
    long working = now - (firstStepStarted < 0 ? watchStart : firstStepStarted);
    String eta =
        left == 0 ? "" : ", about " + ClusterWatcher.elapsed(working / done * left) + " left";
    return String.format(
        "lakesmith: backfill %s: %s %s; %d of %d months done%s, %s elapsed%s",
        dataset,
        slice,
        ok ? "done" : "FAILED",
        done,
        slices.size(),
        failed == 0 ? "" : " (" + failed + " failed)",
        ClusterWatcher.elapsed(now - watchStart),
        eta);
  }

  /** The step's own time: EMR's timeline when it has one, else as this watch saw it. */
  private java.util.Optional<Duration> took(StepSummary step, long now) {
    var timeline = step.status().timeline();
    if (timeline != null && timeline.startDateTime() != null && timeline.endDateTime() != null) {
      Instant start = timeline.startDateTime();
      return java.util.Optional.of(Duration.between(start, timeline.endDateTime()));
    }
    Long since = runningSince.get(step.id());
    return since == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(Duration.ofNanos(now - since));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
