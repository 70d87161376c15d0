package dev.lakesmith.launcher.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Accumulates the ground truth while files are written, in file (arrival) order. */
final class TruthTally {
  private final CorpusSpec spec;
  private final ZoneId zone;
  private final Set<Event.Key> seen = new HashSet<>();
  private final SortedMap<String, Month> months = new TreeMap<>();
  private final SortedMap<String, Long> partitions = new TreeMap<>();
  private final SortedMap<String, Long> malformedByKind = new TreeMap<>();
  private final List<GroundTruth.CorruptFile> corrupt = new ArrayList<>();
  private final List<GroundTruth.DstRecord> dst = new ArrayList<>();
  private long files;
  private long records;
  private long malformed;
  private long duplicates;
  private long resent;
  private long late;
  private long jsonBytes;
  private long gzipBytes;

  TruthTally(CorpusSpec spec) {
    this.spec = spec;
    this.zone = spec.zone();
    for (Frame.Kind k : Frame.Kind.values()) {
      if (k != Frame.Kind.VALID) {
        malformedByKind.put(k.label(), 0L);
      }
    }
  }

  private static final class Month {
    long files;
    long records;
    long malformed;
    final Set<Event.Key> keys = new HashSet<>();
    final SortedMap<String, Long> partitions = new TreeMap<>();
  }

  static String partition(Event.Key k) {
    return "name=" + k.name() + "/d=" + LocalDate.ofInstant(k.instant(), ZoneOffset.UTC);
  }

  void corruptFile(
      String path, LocalDate arrival, List<Frame> frames, long json, long bytes, long cut) {
    files++;
    jsonBytes += json;
    gzipBytes += bytes;
    months.computeIfAbsent(arrival.toString().substring(0, 7), m -> new Month()).files++;
    corrupt.add(new GroundTruth.CorruptFile(path, frames.size(), cut));
  }

  void file(String path, LocalDate arrival, List<Frame> frames, long json, long bytes) {
    files++;
    jsonBytes += json;
    gzipBytes += bytes;
    Month month = months.computeIfAbsent(arrival.toString().substring(0, 7), m -> new Month());
    month.files++;
    for (Frame f : frames) {
      records++;
      month.records++;
      if (f.resent()) {
        resent++;
      } else if (f.late()) {
        late++;
      }
      if (!f.valid()) {
        malformed++;
        month.malformed++;
        malformedByKind.merge(f.kind().label(), 1L, Long::sum);
        continue;
      }
      Event.Key key = f.event().key(zone);
      if (seen.add(key)) {
        partitions.merge(partition(key), 1L, Long::sum);
      } else {
        duplicates++;
      }
      if (month.keys.add(key)) {
        month.partitions.merge(partition(key), 1L, Long::sum);
      }
      if (f.event().dst() != Event.Dst.NONE) {
        dst.add(
            new GroundTruth.DstRecord(
                f.event().dst().name().toLowerCase(java.util.Locale.ROOT),
                f.name(),
                Records.tstamp(f.event().tstamp()),
                f.event().md5(),
                key.instant().toString(),
                path));
      }
    }
  }

  GroundTruth result() {
    SortedMap<String, GroundTruth.Slice> slices = new TreeMap<>();
    Set<Event.Key> earlier = new HashSet<>();
    for (Map.Entry<String, Month> e : months.entrySet()) {
      Month m = e.getValue();
      long fresh = m.keys.stream().filter(k -> !earlier.contains(k)).count();
      earlier.addAll(m.keys);
      long distinct = m.keys.size();
      slices.put(
          e.getKey(),
          new GroundTruth.Slice(
              m.files,
              m.records,
              m.malformed,
              m.records - m.malformed - distinct,
              distinct,
              fresh,
              m.partitions));
    }
    GroundTruth.Totals totals =
        new GroundTruth.Totals(
            files,
            corrupt.size(),
            records,
            malformed,
            duplicates,
            seen.size(),
            resent,
            late,
            jsonBytes,
            gzipBytes);
    return new GroundTruth(
        spec, totals, malformedByKind, List.copyOf(corrupt), slices, partitions, List.copyOf(dst));
  }
}
