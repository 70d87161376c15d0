package dev.lakesmith.bench;

import dev.lakesmith.launcher.steps.LocalSpark;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark corpora, generated once per (seed, sessions) under the work directory and reused: a
 * corpus is complete once its truth file exists, which the generator writes last.
 */
final class CorpusCache {
  /** Gzip bytes per session measured on the reference corpus (35.5 MB per 100k sessions). */
  private static final long GZIP_BYTES_PER_SESSION = 360;

  private CorpusCache() {}

  /**
   * The generator holds every event of a span (up to {@link
   * EventsCorpusGenerator#SESSIONS_PER_SPAN} sessions) in memory, about 10 KB per session, more
   * than a default heap holds at a million sessions, so it runs in its own JVM.
   */
  private static final long HEAP_BYTES_PER_SPAN_SESSION = 10 * 1024;

  /**
   * The truth's key table over the whole corpus: 24 bytes a slot, half full, ×1.5 while it grows.
   */
  private static final long HEAP_BYTES_PER_SESSION = 1024;

  private static final long MIN_HEAP_BYTES = 1L << 30;

  static Path ensure(Path work, long seed, int sessions, Path benchJar, PrintStream out)
      throws IOException {
    Path corpus = work.resolve("corpus-seed" + seed + "-sessions" + sessions);
    if (Files.exists(corpus.resolve(EventsCorpusGenerator.TRUTH_FILE))) {
      return corpus;
    }
    Files.createDirectories(work);
    long needed = 4 * GZIP_BYTES_PER_SESSION * sessions;
    long free = Files.getFileStore(work).getUsableSpace();
    if (free < needed) {
      throw dev.lakesmith.core.JobFailure.config(
          String.format(
              "%,d sessions need about %,d MB free under %s (corpus and two outputs), only %,d MB"
                  + " are; pass --work on a larger disk or smaller --scales",
              sessions, needed >> 20, work, free >> 20));
    }
    deleteTree(corpus);
    out.printf("benchmark: generating %,d sessions (seed %d) into %s%n", sessions, seed, corpus);
    long start = System.nanoTime();
    long heap =
        Math.min(
            Math.max(
                MIN_HEAP_BYTES,
                HEAP_BYTES_PER_SPAN_SESSION
                        * Math.min(sessions, EventsCorpusGenerator.SESSIONS_PER_SPAN)
                    + HEAP_BYTES_PER_SESSION * sessions),
            physicalMemory() / 4 * 3);
    Path log =
        work.resolve("logs").resolve("generate-seed" + seed + "-sessions" + sessions + ".log");
    Files.createDirectories(log.getParent());
    MeasuredProcess.Result result =
        MeasuredProcess.run(
            List.of(
                LocalSpark.javaExecutable(),
                "-Xmx" + (heap >> 20) + "m",
                "-XX:+UseParallelGC",
                "-jar",
                benchJar.toString(),
                GenerateEventsCommand.NAME,
                "--sessions",
                Integer.toString(sessions),
                "--seed",
                Long.toString(seed),
                "--out",
                corpus.toString()),
            log);
    if (result.exit() != 0) {
      throw dev.lakesmith.core.JobFailure.config(
          String.format(
              "generating %,d sessions failed (exit %d, %,d MB heap); log %s",
              sessions, result.exit(), heap >> 20, log));
    }
    out.printf("benchmark: generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    return corpus;
  }

  /** The generator may use three quarters of the machine. */
  private static long physicalMemory() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
