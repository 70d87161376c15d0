package dev.lakesmith.jobs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakesmith.core.manifest.RunManifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineReasonsTest {
  @Test
  void reasonsOfOneKindAreCountedTogetherWithOneExample() {
    Map<String, Long> byReason = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      byReason.put(
          new QuarantineReason("not a timestamp (column tstamp)", "'2023-13-" + i + "'").text(),
          1L);
    }
    byReason.put("missing required field 'name' (column name)", 3L);

    assertEquals(
        List.of(
            new RunManifest.ReasonCount(
                "not a timestamp (column tstamp)",
                120,
                "not a timestamp (column tstamp): '2023-13-0'"),
            new RunManifest.ReasonCount(
                "missing required field 'name' (column name)",
                3,
                "missing required field 'name' (column name)")),
        QuarantineWriter.topReasons(byReason));
  }

  @Test
  void pastTwentyKindsTheRestAreSummedSoCountsAddUp() {
    Map<String, Long> byReason = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      byReason.put("kind " + (char) ('a' + i) + ": detail", 100L - i);
    }
    List<RunManifest.ReasonCount> top = QuarantineWriter.topReasons(byReason);

    assertEquals(21, top.size());
    assertEquals(new RunManifest.ReasonCount("kind a", 100, "kind a: detail"), top.get(0));
    assertEquals(
        new RunManifest.ReasonCount(
            "other reasons (5 kinds)", 80 + 79 + 78 + 77 + 76, "kind u: detail"),
        top.get(20));
    assertEquals(
        byReason.values().stream().mapToLong(Long::longValue).sum(),
        top.stream().mapToLong(RunManifest.ReasonCount::count).sum());
  }

  @Test
  void reasonTextIsOneShortLine() {
    String text = new QuarantineReason("invalid JSON", "x\n".repeat(500)).text();
    assertEquals(QuarantineReason.MAX_CHARS, text.length());
    assertEquals("invalid JSON: x x ", text.substring(0, 18));
    assertEquals("...", text.substring(text.length() - 3));
    assertEquals("invalid JSON", QuarantineReason.kindOf(text));
  }

  @Test
  void aKindHoldsNoSeparator() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new QuarantineReason("column 'x': bad", "v"));
    assertEquals(
        "reason kind 'column 'x': bad' must be non-empty text without ': '; values belong in the"
            + " detail",
        e.getMessage());
  }

  @Test
  void onlySafePartitionValuesNameDirectories() {
    for (String bad : List.of("", ".", "..", "a/b", "a\\b", "a=b", "a\u0001b", "a\nb", "\u007f")) {
      assertEquals(false, PartitionValues.safe(bad), bad);
    }
    for (String good : List.of("page_view", "a.b", "...", "2023-06-18", "ünïcode")) {
      assertEquals(true, PartitionValues.safe(good), good);
    }
  }
}
