package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateEventsCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new GenerateEventsCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesCorpusAndSummaryWithTheTruthCounts() throws Exception {
    Path out = tmp.resolve("c");
    Run r =
        run(
            "--out",
            out.toString(),
            "--sessions",
            "120",
            "--seed",
            "3",
            "--zone",
            "Europe/Berlin",
            "--start",
            "2024-03-25",
            "--days",
            "7",
            "--dup-rate",
            "0.1",
            "--bad-rate",
            "0.01");
    assertEquals(0, r.code(), r.err());
    JsonNode truth = IndependentReader.MAPPER.readTree(out.resolve("_truth/events.json").toFile());
    JsonNode t = truth.get("totals");
    assertEquals("Europe/Berlin", truth.get("spec").get("zone").asText());
    assertEquals(0.1, truth.get("spec").get("dup_rate").asDouble());
    assertTrue(r.out().startsWith("Wrote " + n(t, "files") + " gzip files"), r.out());
    assertTrue(r.out().contains(n(t, "records") + " records"), r.out());
    assertTrue(r.out().contains(n(t, "distinct") + " distinct"), r.out());
    assertTrue(r.out().contains(n(t, "malformed") + " malformed"), r.out());
    assertEquals(
        t.get("files").asLong(),
        Files.walk(out.resolve("events_raw")).filter(p -> p.toString().endsWith(".gz")).count());
    // Berlin's spring-forward gap is 02:00-03:00 on 2024-03-31 (inside the window); its fold is
    // 2023-10-29 (before the window, so those records arrive late inside it).
    for (JsonNode d : truth.get("dst_records")) {
      String ts = d.get("tstamp").asText();
      if (d.get("kind").asText().equals("gap")) {
        assertTrue(ts.startsWith("2024-03-31 02:"), ts);
      } else {
        assertTrue(ts.startsWith("2023-10-29 02:"), ts);
      }
    }
  }

  static String n(JsonNode totals, String field) {
    return String.format(java.util.Locale.ROOT, "%,d", totals.get(field).asLong());
  }

  @Test
  void badOptionsFailWithOneLineNamingTheValue() {
    Run zone = run("--out", tmp.resolve("z").toString(), "--zone", "Mars/Olympus");
    assertEquals(2, zone.code());
    assertTrue(zone.err().contains("'Mars/Olympus'"), zone.err());
    assertEquals(1, zone.err().strip().lines().count(), zone.err());

    Run start = run("--out", tmp.resolve("s").toString(), "--start", "30/10/2023");
    assertEquals(2, start.code());
    assertTrue(start.err().contains("yyyy-MM-dd"), start.err());

    Run rate = run("--out", tmp.resolve("r").toString(), "--dup-rate", "0.9");
    assertEquals(2, rate.code());
    assertTrue(rate.err().contains("dup-rate=0.9"), rate.err());
    assertTrue(Files.notExists(tmp.resolve("r")));
  }

  @Test
  void refusesAnOutputThatAlreadyHoldsACorpus() throws Exception {
    Path out = tmp.resolve("twice");
    assertEquals(0, run("--out", out.toString(), "--sessions", "20").code());
    Run again = run("--out", out.toString(), "--sessions", "20");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("already exists"), again.err());
  }
}
