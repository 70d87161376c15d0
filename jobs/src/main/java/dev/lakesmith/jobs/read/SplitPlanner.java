package dev.lakesmith.jobs.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Packs raw files into read tasks of similar byte size: thousands of small Firehose files become a
 * few tasks instead of one task (and one scheduling round trip) per file.
 */
public final class SplitPlanner {
  private SplitPlanner() {}

  /**
   * @param slots tasks that run at once: the number of splits is a multiple of it where the files
   *     allow, so the last wave of equal-sized tasks keeps every core busy (7 tasks on 2 cores take
   *     as long as 8)
   */
  public static List<List<SourceFile>> plan(
      List<SourceFile> files, long targetBytes, int minSplits, int slots) {
    if (files.isEmpty()) {
      return List.of();
    }
    long total = files.stream().mapToLong(SourceFile::bytes).sum();
    long bySize = (total + targetBytes - 1) / targetBytes;
    long wanted = Math.max(bySize, minSplits);
    long filled = (wanted + slots - 1) / slots * slots;
    int splits = (int) Math.max(1, Math.min(files.size(), filled));

    record Bin(int id, List<SourceFile> files, long[] bytes) {}
    PriorityQueue<Bin> bins =
        new PriorityQueue<>(
            Comparator.<Bin>comparingLong(b -> b.bytes()[0]).thenComparingInt(Bin::id));
    for (int i = 0; i < splits; i++) {
      bins.add(new Bin(i, new ArrayList<>(), new long[1]));
    }
    List<SourceFile> largestFirst = new ArrayList<>(files);
    largestFirst.sort(
        Comparator.comparingLong(SourceFile::bytes).reversed().thenComparing(SourceFile::path));
    for (SourceFile file : largestFirst) {
      Bin smallest = bins.poll();
      smallest.files().add(file);
      smallest.bytes()[0] += file.bytes();
      bins.add(smallest);
    }
    return bins.stream()
        .sorted(Comparator.comparingInt(Bin::id))
        .map(Bin::files)
        .filter(b -> !b.isEmpty())
        .map(
            b -> {
              b.sort(Comparator.comparing(SourceFile::path));
              return List.copyOf(b);
            })
        .toList();
  }
}
