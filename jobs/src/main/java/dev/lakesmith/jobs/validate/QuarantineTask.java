package dev.lakesmith.jobs.validate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A run's quarantine write, started beside the staging write instead of before it: both read the
 * cached ranking, and on a small batch each is mostly Spark planning on one core, so the two
 * together take about as long as the staging write alone. The run awaits it before it journals or
 * commits, so nothing is published before every rejected record is stored; its failure is the
 * run's. A run that fails meanwhile still waits for it, so no write outlives the run.
 */
public final class QuarantineTask implements AutoCloseable {
  private static final QuarantineTask NONE = new QuarantineTask(null);

  private final CompletableFuture<Long> write;

  private QuarantineTask(CompletableFuture<Long> write) {
    this.write = write;
  }

  /** No rejected records: nothing to write or wait for. */
  public static QuarantineTask none() {
    return NONE;
  }

  /** Starts {@code write} in a thread of its own. */
  public static QuarantineTask start(Runnable write) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              long started = System.nanoTime();
              try {
                write.run();
                future.complete((System.nanoTime() - started) / 1_000_000);
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            "lakesmith-quarantine");
    thread.setDaemon(true);
    thread.start();
    return new QuarantineTask(future);
  }

  /**
   * Waits for the write; its failure is rethrown as it was thrown.
   *
   * @return how long the write took, in milliseconds (0 with nothing to write)
   */
  public long await() {
    if (write == null) {
      return 0;
    }
    try {
      return write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the quarantine was being written", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Waits for the write to end, whatever the outcome (the run's own failure is reported). */
  @Override
  public void close() {
    if (write == null) {
      return;
    }
    write.handle((took, failure) -> null).join();
  }
}
