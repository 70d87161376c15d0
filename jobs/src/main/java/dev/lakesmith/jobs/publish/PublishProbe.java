package dev.lakesmith.jobs.publish;

import java.time.Duration;

/**
 * Named points of the publish protocol ({@code staged}, {@code journal}, {@code add:<n>}, {@code
 * remove:<n>}, {@code manifest}, {@code cleaned}): fault-injection tests fail or kill a run at each
 * of them, and crash drills slow publishing down ({@code lakesmith.publish.step-delay}) to kill a
 * real process inside it.
 */
@FunctionalInterface
public interface PublishProbe {
  PublishProbe NONE = step -> {};

  void reached(String step);

  static PublishProbe pausing(Duration delay) {
    if (delay.isZero()) {
      return NONE;
    }
    return step -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  default PublishProbe andThen(PublishProbe next) {
    return step -> {
      reached(step);
      next.reached(step);
    };
  }
}
