package dev.lakesmith.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bar or plain lines: who chooses, and what each writes. */
class ProgressTest {
  @Test
  void aTerminalGetsABarAndEverythingElsePlainLines() {
    assertEquals(ProgressMode.BAR, ProgressMode.choose(null, true, "xterm-256color"));
    assertEquals(ProgressMode.BAR, ProgressMode.choose("auto", true, null));
    assertEquals(ProgressMode.PLAIN, ProgressMode.choose(null, false, "xterm"));
    assertEquals(ProgressMode.PLAIN, ProgressMode.choose(null, true, "dumb"));
    assertEquals(ProgressMode.PLAIN, ProgressMode.choose("plain", true, "xterm"));
    assertEquals(ProgressMode.BAR, ProgressMode.choose(" BAR ", false, null));
    JobFailure bad =
        assertThrows(JobFailure.class, () -> ProgressMode.choose("fancy", true, "xterm"));
    assertEquals(JobFailure.BAD_USAGE, bad.exitCode());
    assertTrue(bad.getMessage().contains("LAKESMITH_PROGRESS=fancy"), bad.getMessage());
    assertTrue(bad.getMessage().contains("auto, bar or plain"), bad.getMessage());
  }

  @Test
  void plainModePrintsLinesOnlyWithNoControlCharacters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = Progress.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try (Progress.Bar bar = progress.start("read", 10, "files")) {
      bar.stepTo(4);
      bar.println("lakesmith: a line");
      bar.stepTo(10);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals("lakesmith: a line" + System.lineSeparator(), out);
    assertFalse(out.contains("\r") || out.contains("\u001b"), out);
  }

  @Test
  void barModeDrawsTheCountOfTotalOnOneLineAndKeepsLinesWhole() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        new Progress(ProgressMode.BAR, new PrintStream(bytes, true, StandardCharsets.UTF_8), 80);
    AtomicLong done = new AtomicLong();
    try (AccumulatorBar watch = AccumulatorBar.watch(progress, "read", 12, "files", done::get)) {
      done.set(7);
    }
    try (Progress.Bar bar = progress.start("months", 3, "months")) {
      bar.stepTo(2);
      bar.println("lakesmith: 2023-11 done");
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("\r"), out);
    assertTrue(out.contains("7/12"), out);
    assertTrue(out.contains("2/3"), out);
    // a line printed over a drawn bar is padded with spaces to clear it, then ends
    assertTrue(out.matches("(?s).*lakesmith: 2023-11 done *\\R.*"), out);
    assertFalse(out.contains("\u001b"), "no escape sequences, only carriage returns: " + out);
  }

  @Test
  void aCountOverTheTotalIsCappedAndWidthFollowsColumns() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        new Progress(ProgressMode.BAR, new PrintStream(bytes, true, StandardCharsets.UTF_8), 60);
    try (AccumulatorBar watch = AccumulatorBar.watch(progress, "read", 5, "files", () -> 9)) {
      // a recomputed task counted its files twice
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("5/5"), out);
    assertFalse(out.contains("9/5"), out);
    for (String drawn : out.split("[\r\n]")) {
      assertTrue(drawn.length() <= 60, "wider than the terminal: " + drawn);
    }
    assertEquals(119, Progress.width("120"));
    assertEquals(Progress.DEFAULT_WIDTH, Progress.width(null));
    assertEquals(Progress.DEFAULT_WIDTH, Progress.width("wide"));
  }
}
