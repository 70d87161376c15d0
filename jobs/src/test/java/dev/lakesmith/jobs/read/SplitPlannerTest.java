package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {
  private static final long MB = 1 << 20;

  private static List<SourceFile> files(int count, long maxBytes, long seed) {
    Random random = new Random(seed);
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(
          new SourceFile(
              i, String.format("f%05d.gz", i), 1 + (long) (random.nextDouble() * maxBytes)));
    }
    return files;
  }

  @Test
  void splitsFillEveryCoreInTheLastWaveAndKeepEveryFileOnce() {
    List<SourceFile> files = files(17_000, 48_000, 7); // ~400 MB: 7 splits of 64 MB by size
    List<List<SourceFile>> splits = SplitPlanner.plan(files, 64 * MB, 4, 2);
    assertEquals(8, splits.size());
    assertEquals(
        new HashSet<>(files), new HashSet<>(splits.stream().flatMap(Collection::stream).toList()));
    assertEquals(files.size(), splits.stream().mapToInt(List::size).sum());
    long smallest = splits.stream().mapToLong(SplitPlannerTest::bytes).min().orElseThrow();
    long largest = splits.stream().mapToLong(SplitPlannerTest::bytes).max().orElseThrow();
    assertTrue(largest - smallest <= 48_000, smallest + " vs " + largest);
  }

  @Test
  void minimumSplitsAndFewFilesWin() {
    assertEquals(6, SplitPlanner.plan(files(100, 1000, 1), 64 * MB, 5, 3).size());
    assertEquals(3, SplitPlanner.plan(files(3, 1000, 1), 64 * MB, 4, 2).size());
    assertEquals(List.of(), SplitPlanner.plan(List.of(), 64 * MB, 4, 2));
  }

  private static long bytes(List<SourceFile> split) {
    return split.stream().mapToLong(SourceFile::bytes).sum();
  }
}
