package dev.lakesmith.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a child process and measures what a user would: wall time from start to exit
 * (JVM start included) and peak resident memory of the child and every process it starts: the
 * largest sum, over one sample of the live process tree, of each process's high-water mark ({@code
 * VmHWM} in {@code /proc/<pid>/status}). A descendant counts from its second sample on: a fork
 * about to exec (Hadoop's local file system forks {@code chmod}) briefly shows its parent's size.
 */
final class MeasuredProcess {
  private static final long SAMPLE_MILLIS = 50;

  /** What one run cost; {@code peakRssBytes} is empty where /proc is not available. */
  record Result(int exit, long wallMillis, OptionalLong peakRssBytes, String output) {}

  private MeasuredProcess() {}

  static Result run(List<String> command, Path log) {
    try {
      Files.createDirectories(log.getParent());
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean procReadable = Files.isReadable(Path.of("/proc/self/status"));
      long peak = 0;
      Set<Long> previous = Set.of();
      while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
        if (procReadable) {
          long now = highWater(process.toHandle());
          Set<Long> alive = new HashSet<>();
          for (ProcessHandle child : process.descendants().toList()) {
            alive.add(child.pid());
            now += previous.contains(child.pid()) ? highWater(child) : 0;
          }
          previous = alive;
          peak = Math.max(peak, now);
        }
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      return new Result(
          process.exitValue(),
          wall,
          procReadable && peak > 0 ? OptionalLong.of(peak) : OptionalLong.empty(),
          Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static long highWater(ProcessHandle process) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between listing and reading; an earlier sample counted it
    }
    return 0;
  }
}
