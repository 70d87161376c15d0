package dev.lakesmith.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Accumulates the ground truth while files are written, in file (arrival) order. */
final class TruthTally {
  private final CorpusSpec spec;
  private final ZoneId zone;
  private final KeyMonths keys = new KeyMonths();
  private final List<String> monthOrder = new ArrayList<>();
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
    final int index;
    long distinct;
    final SortedMap<String, Long> partitions = new TreeMap<>();

    Month(int index) {
      this.index = index;
    }
  }

  static String partition(Event.Key k) {
    return "name=" + k.name() + "/d=" + LocalDate.ofInstant(k.instant(), ZoneOffset.UTC);
  }

  void corruptFile(
      String path, LocalDate arrival, List<Frame> frames, long json, long bytes, long cut) {
    files++;
    jsonBytes += json;
    gzipBytes += bytes;
    month(arrival).files++;
    corrupt.add(new GroundTruth.CorruptFile(path, frames.size(), cut));
  }

  void file(String path, LocalDate arrival, List<Frame> frames, long json, long bytes) {
    files++;
    jsonBytes += json;
    gzipBytes += bytes;
    Month month = month(arrival);
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
      long seenIn = keys.add(key, month.index);
      if (seenIn == 0) {
        partitions.merge(partition(key), 1L, Long::sum);
      } else {
        duplicates++;
      }
      if ((seenIn & (1L << month.index)) == 0) {
        month.distinct++;
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

  private Month month(LocalDate arrival) {
    return months.computeIfAbsent(
        arrival.toString().substring(0, 7),
        label -> {
          monthOrder.add(label);
          return new Month(monthOrder.size() - 1);
        });
  }

  GroundTruth result() {
    // A key is fresh in the earliest (by label) arrival month it was seen in.
    long[] freshByIndex = new long[monthOrder.size()];
    keys.forEachMask(
        mask -> {
          int earliest = -1;
          for (long rest = mask; rest != 0; rest &= rest - 1) {
            int index = Long.numberOfTrailingZeros(rest);
            if (earliest < 0 || monthOrder.get(index).compareTo(monthOrder.get(earliest)) < 0) {
              earliest = index;
            }
          }
          freshByIndex[earliest]++;
        });
    SortedMap<String, GroundTruth.Slice> slices = new TreeMap<>();
    for (Map.Entry<String, Month> e : months.entrySet()) {
      Month m = e.getValue();
      long fresh = freshByIndex[m.index];
      long distinct = m.distinct;
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
            keys.size(),
            resent,
            late,
            jsonBytes,
            gzipBytes);
    return new GroundTruth(
        spec, totals, malformedByKind, List.copyOf(corrupt), slices, partitions, List.copyOf(dst));
  }
}
