package dev.lakesmith.launcher.steps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A running step's console: forwards the step's output (its stage lines, or its live bar) to the
 * launcher's, and when the step has said nothing for a while prints what it is waiting on, so a
 * step is never silent for long (starting Spark and a metastore, writing the class-data archive);
 * while it stays quiet the reminders come at doubling intervals. Each whole line the step prints is
 * also handed to a listener (a chain of steps says there where the next one starts).
 */
final class StepConsole implements AutoCloseable {
  private final PrintStream out;
  private volatile String step;
  private final Consumer<String> lines;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final Duration quiet;
  private final Function<Boolean, String> waitingOn;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService heartbeat;
  private final List<Thread> pumps = new ArrayList<>();
  private long lastOutput = started;
  private long gap;
  private boolean saidAnything;
  private boolean atLineStart = true;

  /**
   * @param waitingOn what the step is doing when it is quiet, given whether it has printed anything
   *     yet
   * @param lines told each whole line the step prints (a live bar's redrawn lines are not)
   */
  StepConsole(
      PrintStream out,
      String step,
      Duration quiet,
      Function<Boolean, String> waitingOn,
      Consumer<String> lines) {
    this.out = out;
    this.step = step;
    this.lines = lines;
    this.quiet = quiet;
    this.waitingOn = waitingOn;
    this.gap = quiet.toNanos();
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakesmith-step-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(50, quiet.toMillis() / 4);
    heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  /** Copies the step's standard output to the console as it comes. */
  void forward(InputStream stepOutput) {
    pump(stepOutput, List.of(), true);
  }

  /** Copies a stream (the step's standard error) to {@code sinks}, e.g. its log and stderr. */
  void copy(InputStream stream, List<OutputStream> sinks) {
    pump(stream, sinks, false);
  }

  private void pump(InputStream in, List<OutputStream> sinks, boolean console) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (console) {
                    show(buffer, n);
                  }
                  for (OutputStream sink : sinks) {
                    sink.write(buffer, 0, n);
                    sink.flush();
                  }
                }
              } catch (IOException e) {
                // the step ended; its exit code tells what happened
              }
            },
            "lakesmith-step-output");
    t.setDaemon(true);
    t.start();
    pumps.add(t);
  }

  private synchronized void show(byte[] buffer, int n) {
    if (n == 0) {
      return;
    }
    out.write(buffer, 0, n);
    out.flush();
    for (int i = 0; i < n; i++) {
      if (buffer[i] == '\n') {
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else if (buffer[i] == '\r') {
        line.reset();
      } else {
        line.write(buffer[i]);
      }
    }
    saidAnything = true;
    atLineStart = buffer[n - 1] == '\n';
    lastOutput = System.nanoTime();
    gap = quiet.toNanos();
  }

  private void beat() {
    synchronized (this) {
      long now = System.nanoTime();
      if (now - lastOutput < gap) {
        return;
      }
      String doing = waitingOn.apply(saidAnything);
      out.printf(
          "%slakesmith: step %s still running, %d s (%s)%n",
          atLineStart ? "" : System.lineSeparator(),
          step,
          Duration.ofNanos(now - started).toSeconds(),
          doing);
      out.flush();
      atLineStart = true;
      lastOutput = now;
      gap *= 2;
    }
  }

  /** The step the reminders name from now on (the next one of a chain). */
  void stepStarted(String name) {
    step = name;
  }

  /** Waits for the step's output to be copied (after it exited) and stops the heartbeat. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    for (Thread t : pumps) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
