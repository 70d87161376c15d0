package dev.lakesmith.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QuarantineTaskTest {
  @Test
  void theWriteRunsBesideTheCallerWhoWaitsForIt() throws Exception {
    CountDownLatch callerArrived = new CountDownLatch(1);
    AtomicBoolean written = new AtomicBoolean();
    try (QuarantineTask task =
        QuarantineTask.start(
            () -> {
              try {
                // Proves it runs concurrently: it waits for the caller to get past start().
                assertTrue(callerArrived.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              written.set(true);
            })) {
      callerArrived.countDown();
      assertTrue(task.await() >= 0);
      assertTrue(written.get());
    }
  }

  @Test
  void itsFailureIsRethrownAsThrownAndCloseStillWaits() {
    UncheckedIOException failure = new UncheckedIOException(new java.io.IOException("disk full"));
    QuarantineTask task =
        QuarantineTask.start(
            () -> {
              throw failure;
            });
    assertSame(failure, assertThrows(UncheckedIOException.class, task::await));
    task.close();

    AtomicBoolean finished = new AtomicBoolean();
    QuarantineTask slow =
        QuarantineTask.start(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              finished.set(true);
            });
    slow.close();
    assertTrue(finished.get(), "close() returns only when the write has ended");
  }

  @Test
  void withNothingToWriteThereIsNothingToWaitFor() {
    try (QuarantineTask none = QuarantineTask.none()) {
      assertEquals(0, none.await());
    }
  }
}
