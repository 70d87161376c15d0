package dev.lakesmith.core.progress;

import java.util.function.LongSupplier;

/**
 * Draws a count that Spark tasks add to (an accumulator the driver sees as tasks end) while an
 * action runs: a driver thread polls it into a bar. Without a bar no thread is started.
 */
public final class AccumulatorBar implements AutoCloseable {
  private static final long POLL_MILLIS = 250;

  private final Progress.Bar bar;
  private final LongSupplier done;
  private final long total;
  private final Thread poller;

  private AccumulatorBar(Progress.Bar bar, LongSupplier done, long total, boolean live) {
    this.bar = bar;
    this.done = done;
    this.total = total;
    this.poller = live ? new Thread(this::poll, "lakesmith-progress") : null;
    if (poller != null) {
      poller.setDaemon(true);
    }
  }

  /**
   * @param done the count so far (a recomputed task may count twice, so it is capped at total)
   */
  public static AccumulatorBar watch(
      Progress progress, String task, long total, String unit, LongSupplier done) {
    boolean live = progress.mode() == ProgressMode.BAR;
    AccumulatorBar watch = new AccumulatorBar(progress.start(task, total, unit), done, total, live);
    if (live) {
      watch.poller.start();
    }
    return watch;
  }

  private void poll() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        bar.stepTo(Math.min(done.getAsLong(), total));
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.interrupt();
      try {
        poller.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      bar.stepTo(Math.min(done.getAsLong(), total));
    }
    bar.close();
  }
}
