package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample-data/events is exactly what the committed generator produces. */
class SampleDataTest {
  static final Path SAMPLE = Path.of("..", "sample-data", "events");

  @TempDir Path tmp;

  @Test
  void committedSampleIsReproducibleFromItsTruthSpec() throws Exception {
    assertTrue(
        Files.isRegularFile(SAMPLE.resolve("_truth/events.json")),
        "missing " + SAMPLE.toAbsolutePath() + ": run the command in sample-data/events/README.md");
    JsonNode committed =
        IndependentReader.MAPPER.readTree(SAMPLE.resolve("_truth/events.json").toFile());
    JsonNode s = committed.get("spec");
    CorpusSpec spec =
        new CorpusSpec(
            s.get("sessions").asInt(),
            s.get("seed").asLong(),
            ZoneId.of(s.get("zone").asText()),
            LocalDate.parse(s.get("start").asText()),
            s.get("days").asInt(),
            s.get("dup_rate").asDouble(),
            s.get("bad_rate").asDouble(),
            s.get("late_rate").asDouble(),
            s.get("stream").asText(),
            s.get("flush_min_seconds").asInt(),
            s.get("flush_max_seconds").asInt(),
            s.get("max_file_bytes").asLong(),
            s.get("corrupt_files").asInt(),
            s.get("dst_sessions").asInt());
    Path fresh = tmp.resolve("events");
    new EventsCorpusGenerator().generate(spec, fresh);

    List<Path> a = gzFiles(SAMPLE);
    List<Path> b = gzFiles(fresh);
    assertEquals(a, b, "file names differ: regenerate sample-data/events");
    for (Path rel : a) {
      assertEquals(content(SAMPLE.resolve(rel)), content(fresh.resolve(rel)), rel.toString());
    }
    // gzip bytes depend on the zlib build, so compare the truth without them.
    JsonNode regenerated =
        IndependentReader.MAPPER.readTree(fresh.resolve("_truth/events.json").toFile());
    ((ObjectNode) committed.get("totals")).remove("gzip_bytes");
    ((ObjectNode) regenerated.get("totals")).remove("gzip_bytes");
    assertEquals(committed, regenerated);

    // what the sample promises (sample-data/events/README.md)
    assertTrue(committed.get("slices").has("2023-12"));
    assertEquals(1, committed.get("totals").get("corrupt_files").asInt());
    IndependentReader r = IndependentReader.read(SAMPLE, spec.zone());
    JsonNode t = committed.get("totals");
    assertEquals(t.get("records").asLong(), r.recs.size());
    assertEquals(t.get("malformed").asLong(), r.malformed());
    assertEquals(t.get("distinct").asLong(), r.distinct().size());
    assertEquals(1, r.corruptFiles.size());
  }

  private static List<Path> gzFiles(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root.resolve("events_raw"))) {
      return s.filter(p -> p.toString().endsWith(".gz")).map(root::relativize).sorted().toList();
    }
  }

  /** Decompressed text, or a marker for a file whose gzip stream is cut short. */
  private static String content(Path p) throws Exception {
    try {
      return IndependentReader.gunzip(p);
    } catch (EOFException e) {
      return "<truncated gzip>";
    }
  }
}
