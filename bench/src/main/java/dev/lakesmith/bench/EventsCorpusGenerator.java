package dev.lakesmith.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a deterministic, Kinesis-Firehose-shaped {@code events} corpus and its ground truth.
 *
 * <p>Layout: {@code <out>/events_raw/json/name=<event>/d=<arrival date>/<stream>-1-<flush
 * time>-<uuid>.gz} plus {@code <out>/_truth/events.json}. Same spec and seed give byte-identical
 * files: every random choice comes from one seeded {@link SplittableRandom} and the gzip header
 * carries no timestamp.
 *
 * <p>Every event of a span is held in memory (~10 KB of heap per session) because arrival, re-sends
 * and Firehose buffering draw over the whole span. Corpora larger than {@link #SESSIONS_PER_SPAN}
 * are therefore simulated span by span: the event-time window is cut into equal consecutive spans,
 * each with its share of the sessions and its own random stream, written before the next is
 * simulated, into one truth. Late arrivals and re-sends of one span land among the next spans'
 * files as they would from one delivery stream; only the DST injection and the corrupt files come
 * once, with the first span.
 */
public final class EventsCorpusGenerator {
  /** The most sessions simulated at once: ~10 GB of heap, the 1M benchmark corpus in one span. */
  public static final int SESSIONS_PER_SPAN = 1_000_000;

  /** Corpus-relative directory of the raw files. */
  public static final String RAW_DIR = "events_raw/json";

  /** Corpus-relative path of the truth file. */
  public static final String TRUTH_FILE = "_truth/events.json";

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private record Bucket(String name, Instant flushedAt, List<Frame> frames) {}

  /** One span of the window: its sessions, its random stream and what it alone injects. */
  private record Span(
      int sessions,
      Instant from,
      Instant to,
      SplittableRandom root,
      int dstSessions,
      int corruptFiles) {}

  private final int sessionsPerSpan;

  public EventsCorpusGenerator() {
    this(SESSIONS_PER_SPAN);
  }

  /** A generator with smaller spans, for tests of the span-by-span path. */
  EventsCorpusGenerator(int sessionsPerSpan) {
    if (sessionsPerSpan < 1) {
      throw new IllegalArgumentException(
          "sessionsPerSpan=" + sessionsPerSpan + " is not positive: pass 1 or more");
    }
    this.sessionsPerSpan = sessionsPerSpan;
  }

  /**
   * Generates the corpus described by {@code spec} under {@code out}.
   *
   * @throws IllegalArgumentException if {@code out} already holds an {@code events_raw} directory
   */
  public GroundTruth generate(CorpusSpec spec, Path out) throws IOException {
    Path raw = out.resolve("events_raw");
    if (Files.exists(raw)) {
      throw new IllegalArgumentException(
          "output " + raw + " already exists: remove it or pass another --out");
    }
    TruthTally tally = new TruthTally(spec);
    for (Span span : spans(spec)) {
      Streams rng = Streams.of(span.root());
      write(spec, out, simulate(spec, span, rng), span.corruptFiles(), rng.file(), tally);
    }
    GroundTruth truth = tally.result();
    Path truthFile = out.resolve(TRUTH_FILE);
    Files.createDirectories(truthFile.getParent());
    Files.writeString(truthFile, truth.toJson(), StandardCharsets.UTF_8);
    return truth;
  }

  /** One span (the whole window, the seed's own stream) up to the limit, else equal cuts. */
  private List<Span> spans(CorpusSpec spec) {
    int count = (int) ((spec.sessions() + (long) sessionsPerSpan - 1) / sessionsPerSpan);
    if (count == 1) {
      return List.of(
          new Span(
              spec.sessions(),
              spec.windowStart(),
              spec.windowEnd(),
              new SplittableRandom(spec.seed()),
              spec.dstSessions(),
              spec.corruptFiles()));
    }
    SplittableRandom master = new SplittableRandom(spec.seed());
    long from = spec.windowStart().toEpochMilli();
    long length = spec.windowEnd().toEpochMilli() - from;
    List<Span> spans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      spans.add(
          new Span(
              spec.sessions() / count + (i < spec.sessions() % count ? 1 : 0),
              Instant.ofEpochMilli(from + length * i / count),
              Instant.ofEpochMilli(from + length * (i + 1) / count),
              master.split(),
              i == 0 ? spec.dstSessions() : 0,
              i == 0 ? spec.corruptFiles() : 0));
    }
    return spans;
  }

  /** The independent random streams of one span, split from its root in a fixed order. */
  private record Streams(
      SplittableRandom sim,
      SplittableRandom arrival,
      SplittableRandom bad,
      SplittableRandom dup,
      SplittableRandom file) {
    static Streams of(SplittableRandom root) {
      return new Streams(root.split(), root.split(), root.split(), root.split(), root.split());
    }
  }

  /** The span's Firehose files, as buffers of frames in flush order. */
  private static List<Bucket> simulate(CorpusSpec spec, Span span, Streams rng) {
    SessionSimulator sim = new SessionSimulator(spec.zone(), rng.sim(), new Records());
    List<Event> events = sim.simulate(span.sessions(), span.from(), span.to());
    List<Frame> frames = arrive(spec, events, rng.arrival());
    frames.addAll(injectDst(spec, span.dstSessions(), sim, rng.arrival(), frames.size()));
    corrupt(spec, frames, events.size(), rng.bad());
    frames.addAll(resend(spec, frames, events.size(), rng.dup()));
    return buffer(spec, frames, rng.file());
  }

  /** Firehose arrival of each event: seconds to minutes, a few days later, or next month. */
  private static List<Frame> arrive(CorpusSpec spec, List<Event> events, SplittableRandom rng) {
    int n = events.size();
    Instant[] arrival = new Instant[n];
    for (int i = 0; i < n; i++) {
      arrival[i] = events.get(i).happened().plusMillis(delayMillis(rng));
    }
    boolean[] late = new boolean[n];
    int[] lateIdx = pick(rng, count(spec.lateRate(), n, 6), late);
    for (int j = 0; j < lateIdx.length; j++) {
      Instant happened = events.get(lateIdx[j]).happened();
      arrival[lateIdx[j]] =
          j % 3 == 2
              ? nextMonth(happened, rng)
              : happened.plusMillis(DAY_MS + rng.nextLong(5 * DAY_MS));
    }
    List<Frame> frames = new ArrayList<>(n + n / 10);
    for (int i = 0; i < n; i++) {
      Event e = events.get(i);
      frames.add(new Frame(null, e, arrival[i], Frame.Kind.VALID, false, late[i], i));
    }
    return frames;
  }

  /** Usual Firehose delay: median ~20 s, a few minutes in the tail, capped at 15 minutes. */
  private static long delayMillis(SplittableRandom rng) {
    double ms = 500 + Math.exp(Math.log(20_000) + rng.nextGaussian());
    return (long) Math.min(ms, 900_000);
  }

  /** Somewhere in the first two days of the UTC month after {@code t} (a replay burst). */
  private static Instant nextMonth(Instant t, SplittableRandom rng) {
    YearMonth next = YearMonth.from(t.atZone(ZoneOffset.UTC)).plusMonths(1);
    Instant first = next.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return first.plusMillis(rng.nextLong(2 * DAY_MS));
  }

  /**
   * Sessions whose naive times lie in the DST gap and fold nearest the window (latest transition
   * before the window end). Events before the window arrive inside it as late syncs.
   */
  private static List<Frame> injectDst(
      CorpusSpec spec, int sessions, SessionSimulator sim, SplittableRandom rng, int seq) {
    List<Frame> out = new ArrayList<>();
    ZoneOffsetTransition gap = latestTransition(spec, true);
    ZoneOffsetTransition fold = latestTransition(spec, false);
    List<Event> injected = new ArrayList<>();
    for (int k = 0; k < sessions; k++) {
      if (gap != null) {
        injected.addAll(
            sim.injected(Event.Dst.GAP, gap.getDateTimeBefore(), gap.getDateTimeAfter(), false));
      }
      if (fold != null) {
        injected.addAll(
            sim.injected(
                Event.Dst.FOLD, fold.getDateTimeAfter(), fold.getDateTimeBefore(), k % 2 == 1));
      }
    }
    long span = spec.windowEnd().toEpochMilli() - spec.windowStart().toEpochMilli();
    for (Event e : injected) {
      boolean before = e.happened().isBefore(spec.windowStart());
      Instant arrival =
          before
              ? spec.windowStart().plusMillis(rng.nextLong(span))
              : e.happened().plusMillis(delayMillis(rng));
      out.add(new Frame(null, e, arrival, Frame.Kind.VALID, false, before, seq++));
    }
    return out;
  }

  private static ZoneOffsetTransition latestTransition(CorpusSpec spec, boolean gap) {
    ZoneRules rules = spec.zone().getRules();
    Instant t = spec.windowEnd();
    for (int i = 0; i < 64; i++) {
      ZoneOffsetTransition tr = rules.previousTransition(t);
      if (tr == null) {
        return null;
      }
      if (tr.isGap() == gap) {
        return tr;
      }
      t = tr.getInstant();
    }
    return null;
  }

  /** Replaces some simulated records by malformed ones, at least four of each kind. */
  private static void corrupt(
      CorpusSpec spec, List<Frame> frames, int simulated, SplittableRandom rng) {
    if (spec.badRate() <= 0) {
      return;
    }
    Frame.Kind[] kinds = {
      Frame.Kind.TRUNCATED,
      Frame.Kind.BAD_TIMESTAMP,
      Frame.Kind.MISSING_NAME,
      Frame.Kind.GARBAGE,
      Frame.Kind.WRONG_TYPE
    };
    int perKind = (int) Math.max(4, Math.ceil(spec.badRate() * simulated / kinds.length));
    perKind = Math.min(perKind, simulated / 25);
    boolean[] taken = new boolean[simulated];
    for (Frame.Kind kind : kinds) {
      for (int i : pick(rng, perKind, taken)) {
        Frame f = frames.get(i);
        String text = Records.malformed(kind, f.event(), rng);
        frames.set(i, new Frame(text, f.event(), f.arrival(), kind, false, f.late(), f.seq()));
      }
    }
  }

  /**
   * Re-sends of valid simulated records in a later file: half within hours, a third days later, the
   * rest in the next month. The delay exceeds the longest buffer interval, so a re-send never lands
   * in the file of its original.
   */
  private static List<Frame> resend(
      CorpusSpec spec, List<Frame> frames, int simulated, SplittableRandom rng) {
    boolean[] taken = new boolean[simulated];
    int valid = 0;
    for (int i = 0; i < simulated; i++) {
      taken[i] = !frames.get(i).valid();
      valid += taken[i] ? 0 : 1;
    }
    int[] idx = pick(rng, count(spec.dupRate(), valid, 9), taken);
    List<Frame> out = new ArrayList<>(idx.length);
    long minDelay = (spec.flushMaxSeconds() + 1) * 1000L;
    int seq = frames.size();
    for (int j = 0; j < idx.length; j++) {
      Frame f = frames.get(idx[j]);
      int bucket = j % 20;
      Instant at =
          bucket < 10
              ? f.arrival().plusMillis(minDelay + rng.nextLong(3 * 3_600_000L))
              : bucket < 17
                  ? f.arrival().plusMillis(DAY_MS + rng.nextLong(4 * DAY_MS))
                  : nextMonth(f.arrival(), rng);
      out.add(
          new Frame(
              f.valid() ? null : f.text(), f.event(), at, Frame.Kind.VALID, true, false, seq++));
    }
    return out;
  }

  /**
   * Firehose buffering per event name: a buffer opens with its first record and flushes after a
   * random interval in [flushMin, flushMax] or when it reaches maxFileBytes.
   */
  private static List<Bucket> buffer(CorpusSpec spec, List<Frame> frames, SplittableRandom rng) {
    Comparator<Frame> byArrival = Comparator.comparing(Frame::arrival).thenComparingInt(Frame::seq);
    List<Bucket> buckets = new ArrayList<>();
    for (String name : SessionSimulator.NAMES) {
      List<Frame> mine =
          frames.stream().filter(f -> f.name().equals(name)).sorted(byArrival).toList();
      List<Frame> cur = null;
      Instant flushAt = null;
      long bytes = 0;
      for (Frame f : mine) {
        if (cur != null && !f.arrival().isBefore(flushAt)) {
          buckets.add(new Bucket(name, flushAt, cur));
          cur = null;
        }
        if (cur == null) {
          cur = new ArrayList<>();
          int interval =
              spec.flushMinSeconds()
                  + rng.nextInt(spec.flushMaxSeconds() - spec.flushMinSeconds() + 1);
          flushAt = f.arrival().plusSeconds(interval);
          bytes = 0;
        }
        cur.add(f);
        bytes += f.text().length() + 1;
        if (bytes >= spec.maxFileBytes()) {
          buckets.add(new Bucket(name, f.arrival(), cur));
          cur = null;
        }
      }
      if (cur != null) {
        buckets.add(new Bucket(name, flushAt, cur));
      }
    }
    buckets.sort(
        Comparator.comparing(Bucket::flushedAt)
            .thenComparing(Bucket::name)
            .thenComparingInt(b -> b.frames().get(0).seq()));
    return buckets;
  }

  private static void write(
      CorpusSpec spec,
      Path out,
      List<Bucket> buckets,
      int corruptFiles,
      SplittableRandom rng,
      TruthTally tally)
      throws IOException {
    boolean[] corrupt = new boolean[buckets.size()];
    boolean[] ineligible = new boolean[buckets.size()];
    for (int i = 0; i < buckets.size(); i++) {
      List<Frame> fs = buckets.get(i).frames();
      ineligible[i] = fs.size() < 2 || fs.stream().anyMatch(f -> f.event().dst() != Event.Dst.NONE);
    }
    long eligible = buckets.size() - countTrue(ineligible);
    for (int i : pick(rng, (int) Math.min(corruptFiles, eligible), ineligible)) {
      corrupt[i] = true;
    }
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      String uuid = Records.uuid(rng);
      Framed framed = frame(b.frames(), rng);
      List<Frame> fs = framed.frames();
      boolean newlines = framed.newlines();
      LocalDate d = LocalDate.ofInstant(b.flushedAt(), ZoneOffset.UTC);
      String rel =
          RAW_DIR
              + "/name="
              + b.name()
              + "/d="
              + d
              + "/"
              + spec.stream()
              + "-1-"
              + FILE_TIME.format(b.flushedAt())
              + "-"
              + uuid
              + ".gz";
      StringBuilder sb = new StringBuilder();
      for (Frame f : fs) {
        sb.append(f.text());
        if (newlines) {
          sb.append('\n');
        }
      }
      byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
      byte[] gz = gzip(json);
      Path file = out.resolve(rel);
      Files.createDirectories(file.getParent());
      if (corrupt[i]) {
        int cut = Math.min(8 + 16 + rng.nextInt(33), gz.length - 12);
        gz = Arrays.copyOf(gz, gz.length - cut);
        tally.corruptFile(rel, d, fs, json.length, gz.length, cut);
      } else {
        tally.file(rel, d, fs, json.length, gz.length);
      }
      Files.write(file, gz);
    }
  }

  /**
   * Chooses the framing of one file (about half newline-delimited, half concatenated) and orders
   * its frames. Garbage lines or several truncated records force newline-delimited framing; in a
   * concatenated file the single truncated record goes last, so the file stays frameable.
   */
  private static Framed frame(List<Frame> frames, SplittableRandom rng) {
    long truncated = frames.stream().filter(f -> f.kind() == Frame.Kind.TRUNCATED).count();
    boolean garbage = frames.stream().anyMatch(f -> f.kind() == Frame.Kind.GARBAGE);
    boolean newlines = rng.nextBoolean() || garbage || truncated > 1;
    if (newlines || truncated == 0) {
      return new Framed(frames, newlines);
    }
    List<Frame> ordered = new ArrayList<>(frames);
    ordered.sort(Comparator.comparing(f -> f.kind() == Frame.Kind.TRUNCATED));
    return new Framed(ordered, false);
  }

  private record Framed(List<Frame> frames, boolean newlines) {}

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(bos, 8192)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory failed", e);
    }
    return bos.toByteArray();
  }

  private static long countTrue(boolean[] a) {
    long n = 0;
    for (boolean b : a) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Fraction {@code rate} of {@code n}, at least {@code min} when the rate is positive. */
  private static int count(double rate, int n, int min) {
    if (rate <= 0) {
      return 0;
    }
    return (int) Math.min(n / 4, Math.max(min, Math.round(rate * n)));
  }

  /** {@code k} distinct indices not yet {@code taken}, marking them taken, in draw order. */
  private static int[] pick(SplittableRandom rng, int k, boolean[] taken) {
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      int i;
      do {
        i = rng.nextInt(taken.length);
      } while (taken[i]);
      taken[i] = true;
      out[j] = i;
    }
    return out;
  }
}
