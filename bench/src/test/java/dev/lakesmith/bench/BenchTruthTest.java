package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's verdict on a curated table: exact rows per partition, distinct keys, DST. */
class BenchTruthTest {
  private final BenchTruth truth =
      new BenchTruth(
          10, 2, 100, Map.of("name=a/d=2023-06-12", 3L, "name=b/d=2023-06-12", 2L), "UTC");

  @Test
  void matchingOutputHasNoMismatch() {
    assertEquals(
        List.of(),
        truth.mismatches("name=a/d=2023-06-12\t3\t3\nname=b/d=2023-06-12\t2\t2\n_dst\t6\t6\n"));
  }

  @Test
  void duplicatesMissingPartitionsAndShiftedDstTimesAreReported() {
    List<String> problems = truth.mismatches("name=a/d=2023-06-12\t4\t3\n_dst\t6\t5\n");
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("4 rows but 3 distinct keys"), problems.get(0));
    assertTrue(problems.get(1).startsWith("5 of 6 DST"), problems.get(1));
    assertTrue(problems.get(2).contains("partition rows differ"), problems.get(2));
  }

  @Test
  void medianOfEvenAndOddRuns() {
    assertEquals(2.0, BenchmarkTable.median(new long[] {3, 1, 2}));
    assertEquals(2.5, BenchmarkTable.median(new long[] {4, 1, 3, 2}));
  }
}
