package dev.lakesmith.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate-events}: writes a deterministic Firehose-shaped events corpus and its truth. */
@Command(
    name = GenerateEventsCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Writes a deterministic Kinesis-Firehose-shaped `events` corpus: gzip JSON under"
          + " <out>/events_raw/json/name=<event>/d=<arrival date>/, newline-delimited or"
          + " concatenated records, re-sends, late and malformed records, DST gap/fold times,"
          + " and the expected counts in <out>/_truth/events.json.",
      "Same options and seed give byte-identical files."
    })
public final class GenerateEventsCommand implements Callable<Integer> {
  static final String NAME = "generate-events";

  @Spec CommandSpec commandSpec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Corpus root (must not already hold events_raw/).")
  Path out;

  @Option(
      names = "--sessions",
      paramLabel = "N",
      description = "User sessions to simulate, ~7 records each (default: ${DEFAULT-VALUE}).")
  int sessions = CorpusSpec.DEFAULT_SESSIONS;

  @Option(names = "--seed", description = "RNG seed (default: ${DEFAULT-VALUE}).")
  long seed = CorpusSpec.DEFAULT_SEED;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Zone of the naive tstamp strings (default: ${DEFAULT-VALUE}).")
  String zone = CorpusSpec.DEFAULT_ZONE.getId();

  @Option(
      names = "--start",
      paramLabel = "yyyy-MM-dd",
      description = "First local day of the event-time window (default: ${DEFAULT-VALUE}).")
  String start = CorpusSpec.DEFAULT_START.toString();

  @Option(names = "--days", description = "Window length in days (default: ${DEFAULT-VALUE}).")
  int days = CorpusSpec.DEFAULT_DAYS;

  @Option(
      names = "--dup-rate",
      paramLabel = "FRACTION",
      description = "Fraction of records re-sent in another file (default: ${DEFAULT-VALUE}).")
  double dupRate = CorpusSpec.DEFAULT_DUP_RATE;

  @Option(
      names = "--bad-rate",
      paramLabel = "FRACTION",
      description =
          "Fraction of malformed records, at least 4 per kind (default: ${DEFAULT-VALUE}).")
  double badRate = CorpusSpec.DEFAULT_BAD_RATE;

  @Option(
      names = "--late-rate",
      paramLabel = "FRACTION",
      description = "Fraction of events arriving days late (default: ${DEFAULT-VALUE}).")
  double lateRate = CorpusSpec.DEFAULT_LATE_RATE;

  @Option(
      names = "--stream",
      description = "Firehose delivery stream name (default: ${DEFAULT-VALUE}).")
  String stream = CorpusSpec.DEFAULT_STREAM;

  @Option(
      names = "--flush-min-seconds",
      paramLabel = "S",
      description = "Shortest Firehose buffer interval (default: ${DEFAULT-VALUE}).")
  int flushMin = CorpusSpec.DEFAULT_FLUSH_MIN_SECONDS;

  @Option(
      names = "--flush-max-seconds",
      paramLabel = "S",
      description = "Longest Firehose buffer interval (default: ${DEFAULT-VALUE}).")
  int flushMax = CorpusSpec.DEFAULT_FLUSH_MAX_SECONDS;

  @Option(
      names = "--max-file-bytes",
      paramLabel = "BYTES",
      description = "Buffer size that forces a flush, uncompressed (default: ${DEFAULT-VALUE}).")
  long maxFileBytes = CorpusSpec.DEFAULT_MAX_FILE_BYTES;

  @Option(
      names = "--corrupt-files",
      paramLabel = "N",
      description = "Files whose gzip stream is cut short (default: ${DEFAULT-VALUE}).")
  int corruptFiles = 0;

  @Option(
      names = "--dst-sessions",
      paramLabel = "N",
      description =
          "Sessions injected into each of the DST gap and fold (default: ${DEFAULT-VALUE}).")
  int dstSessions = CorpusSpec.DEFAULT_DST_SESSIONS;

  @Override
  public Integer call() {
    PrintWriter err = commandSpec.commandLine().getErr();
    PrintWriter outw = commandSpec.commandLine().getOut();
    try {
      CorpusSpec spec = toSpec();
      long t0 = System.nanoTime();
      GroundTruth truth = new EventsCorpusGenerator().generate(spec, out);
      double seconds = (System.nanoTime() - t0) / 1e9;
      outw.println(summary(truth, out, seconds));
      outw.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("generate-events: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(
          "generate-events: cannot write under " + out + ": " + e + " (check the path and space)");
      return 1;
    }
  }

  CorpusSpec toSpec() {
    ZoneId z;
    try {
      z = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "--zone '" + zone + "' is not a zone id: use a region id such as America/New_York");
    }
    LocalDate s;
    try {
      s = LocalDate.parse(start);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start '" + start + "' is not a date: use yyyy-MM-dd, e.g. 2023-10-30");
    }
    return new CorpusSpec(
        sessions,
        seed,
        z,
        s,
        days,
        dupRate,
        badRate,
        lateRate,
        stream,
        flushMin,
        flushMax,
        maxFileBytes,
        corruptFiles,
        dstSessions);
  }

  static String summary(GroundTruth truth, Path out, double seconds) {
    GroundTruth.Totals t = truth.totals();
    return String.format(
        Locale.ROOT,
        "Wrote %,d gzip files (%,d corrupt) under %s in %.1f s: %,d records, %,d bytes of JSON"
            + " (%,d bytes gzip), %,d distinct valid rows, %,d duplicates (%,d re-sent), %,d"
            + " malformed, %,d late; arrival months %s; truth in %s.",
        t.files(),
        t.corruptFiles(),
        out.resolve(EventsCorpusGenerator.RAW_DIR),
        seconds,
        t.records(),
        t.jsonBytes(),
        t.gzipBytes(),
        t.distinct(),
        t.duplicates(),
        t.resent(),
        t.malformed(),
        t.late(),
        truth.slices().keySet(),
        out.resolve(EventsCorpusGenerator.TRUTH_FILE));
  }
}
