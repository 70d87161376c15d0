package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCorpusGeneratorTest {
  static final ZoneId NY = ZoneId.of("America/New_York");
  static final CorpusSpec SPEC =
      CorpusSpec.defaults(400, 7L)
          .withWindow(NY, LocalDate.of(2023, 10, 30), 8)
          .withCorruptFiles(1);

  @TempDir static Path tmp;
  static Path corpus;
  static GroundTruth truth;
  static JsonNode truthJson;
  static IndependentReader reader;

  @BeforeAll
  static void generate() throws IOException {
    corpus = tmp.resolve("corpus");
    truth = new EventsCorpusGenerator().generate(SPEC, corpus);
    truthJson = IndependentReader.MAPPER.readTree(corpus.resolve("_truth/events.json").toFile());
    reader = IndependentReader.read(corpus, NY);
  }

  static String hashTree(Path root) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(root.relativize(p).toString().getBytes());
        sha.update(Files.readAllBytes(p));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void sameSeedGivesIdenticalBytesAndOtherSeedDoesNot() throws Exception {
    CorpusSpec small = SPEC.withCorruptFiles(1);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    new EventsCorpusGenerator().generate(small, a);
    new EventsCorpusGenerator().generate(small, b);
    new EventsCorpusGenerator().generate(small.withSeed(8L), c);
    assertEquals(hashTree(a), hashTree(b));
    assertEquals(hashTree(corpus), hashTree(a), "the shared corpus uses the same spec");
    assertNotEquals(hashTree(a), hashTree(c));
  }

  @Test
  void refusesToOverwriteAnExistingCorpus() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new EventsCorpusGenerator().generate(SPEC, corpus));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
  }

  @Test
  void framingOfEveryFileMatchesTheTruthAndBothFramingsOccur() {
    JsonNode t = truthJson.get("totals");
    assertEquals(t.get("files").asLong(), reader.files.size());
    assertEquals(t.get("corrupt_files").asLong(), reader.corruptFiles.size());
    assertEquals(1, reader.corruptFiles.size());
    assertEquals(
        truthJson.get("corrupt_files").get(0).get("path").asText(), reader.corruptFiles.get(0));
    assertEquals(t.get("records").asLong(), reader.recs.size());
    int readable = reader.files.size() - reader.corruptFiles.size();
    assertEquals(readable, reader.newlineFiles + reader.concatenatedFiles);
    assertTrue(
        reader.newlineFiles > readable / 3, "newline-delimited files: " + reader.newlineFiles);
    assertTrue(
        reader.concatenatedFiles > readable / 3, "concatenated files: " + reader.concatenatedFiles);
    assertTrue(
        reader.recs.stream()
            .anyMatch(r -> r.kind().equals("truncated") && !r.text().endsWith("\n")),
        "a truncated record exists");
  }

  @Test
  void malformedDuplicatesAndDistinctMatchTheTruth() {
    JsonNode t = truthJson.get("totals");
    long malformed = reader.malformed();
    Set<IndependentReader.Key> distinct = reader.distinct();
    long valid = reader.recs.size() - malformed;
    assertEquals(t.get("malformed").asLong(), malformed);
    assertEquals(t.get("distinct").asLong(), distinct.size());
    assertEquals(t.get("duplicates").asLong(), valid - distinct.size());
    assertTrue(t.get("duplicates").asLong() >= 0.04 * reader.recs.size(), t.toString());
    assertEquals(t.get("malformed").asLong() + valid, t.get("records").asLong());
    Map<String, Long> kinds = new TreeMap<>();
    truthJson
        .get("malformed_by_kind")
        .fields()
        .forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().asLong()));
    assertEquals(kinds, reader.malformedByKind);
    assertEquals(5, kinds.size());
    kinds.values().forEach(n -> assertTrue(n >= 3, "at least a handful of each kind: " + kinds));
    assertEquals(reader.partitions(reader.recs), toMap(truthJson.get("partitions")));
  }

  @Test
  void aResentRecordNeverSharesAFileWithItsOriginal() {
    Map<String, Set<String>> filesByText = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (IndependentReader.Rec r : reader.recs) {
      if (r.key() != null) {
        filesByText.computeIfAbsent(r.text(), x -> new HashSet<>()).add(r.file());
        count.merge(r.text(), 1, Integer::sum);
      }
    }
    long resentTexts = count.values().stream().filter(n -> n > 1).count();
    assertTrue(resentTexts > 0);
    count.forEach(
        (text, n) -> assertEquals(n, filesByText.get(text).size(), "same file twice: " + text));
  }

  @Test
  void slicesMatchTheTruthAndALaterMonthHoldsResendsAndNewRows() {
    Map<String, List<IndependentReader.Rec>> months = reader.byMonth();
    JsonNode slices = truthJson.get("slices");
    assertEquals(
        months.keySet(), iterate(slices.fieldNames()).stream().collect(Collectors.toSet()));
    Set<IndependentReader.Key> earlier = new HashSet<>();
    Map<String, Long> monthFiles = reader.monthFiles();
    for (Map.Entry<String, List<IndependentReader.Rec>> e : months.entrySet()) {
      JsonNode s = slices.get(e.getKey());
      List<IndependentReader.Rec> rs = e.getValue();
      Set<IndependentReader.Key> keys = new HashSet<>();
      rs.stream().filter(r -> r.key() != null).forEach(r -> keys.add(r.key()));
      long malformed = rs.stream().filter(r -> r.key() == null).count();
      long fresh = keys.stream().filter(k -> !earlier.contains(k)).count();
      earlier.addAll(keys);
      assertEquals(s.get("files").asLong(), monthFiles.get(e.getKey()), e.getKey());
      assertEquals(s.get("records").asLong(), rs.size(), e.getKey());
      assertEquals(s.get("malformed").asLong(), malformed, e.getKey());
      assertEquals(s.get("distinct").asLong(), keys.size(), e.getKey());
      assertEquals(s.get("duplicates").asLong(), rs.size() - malformed - keys.size(), e.getKey());
      assertEquals(s.get("distinct_new").asLong(), fresh, e.getKey());
      assertEquals(toMap(s.get("partitions")), reader.partitions(rs), e.getKey());
    }
    JsonNode december = slices.get("2023-12");
    assertTrue(december != null, "a December arrival slice exists: " + slices.fieldNames());
    long dec = december.get("distinct").asLong();
    long decNew = december.get("distinct_new").asLong();
    assertTrue(decNew > 0, "December holds late rows seen for the first time");
    assertTrue(dec > decNew, "December holds re-sends of rows from earlier months");
  }

  @Test
  void distinctEventsSharePayloadMd5() {
    Map<String, Set<Instant>> instantsByMd5 = new HashMap<>();
    for (IndependentReader.Key k : reader.distinct()) {
      instantsByMd5
          .computeIfAbsent(k.name() + "/" + k.md5(), x -> new HashSet<>())
          .add(k.instant());
    }
    long shared = instantsByMd5.values().stream().filter(s -> s.size() > 1).count();
    assertTrue(shared >= 5, "payload_md5 values shared by distinct events: " + shared);
  }

  @Test
  void injectedGapAndFoldRecordsHaveTheClaimedInstants() {
    JsonNode dst = truthJson.get("dst_records");
    assertTrue(dst.size() >= 12, "dst records: " + dst.size());
    Set<String> kinds = new HashSet<>();
    Set<String> present = new HashSet<>();
    for (IndependentReader.Rec r : reader.recs) {
      if (r.key() != null) {
        present.add(r.file() + "|" + r.key().md5() + "|" + r.key().instant());
      }
    }
    for (JsonNode d : dst) {
      String kind = d.get("kind").asText();
      kinds.add(kind);
      LocalDateTime local = LocalDateTime.parse(d.get("tstamp").asText().replace(' ', 'T'));
      Instant expected = IndependentReader.instant(local, NY);
      assertEquals(expected.toString(), d.get("instant").asText(), d.toString());
      int offsets = NY.getRules().getValidOffsets(local).size();
      if (kind.equals("gap")) {
        assertEquals(0, offsets, "gap time must not exist: " + local);
        assertEquals(LocalDate.of(2023, 3, 12), local.toLocalDate());
        assertEquals(2, local.getHour());
        // 02:mm:ss does not exist; it is read as 03:mm:ss EDT = 07:mm:ss UTC
        assertEquals(
            local.plusHours(5).toLocalTime().withNano(0),
            LocalDateTime.ofInstant(expected, java.time.ZoneOffset.UTC).toLocalTime().withNano(0));
        // March events arrive as late syncs inside the window
        assertTrue(d.get("file").asText().contains("/d=2023-1"), d.toString());
      } else {
        assertEquals("fold", kind);
        assertEquals(2, offsets, "fold time must be ambiguous: " + local);
        assertEquals(LocalDate.of(2023, 11, 5), local.toLocalDate());
        assertEquals(1, local.getHour());
        // earlier offset, EDT (-04:00): 01:mm:ss → 05:mm:ss UTC
        assertEquals(
            local.plusHours(4).getHour(), expected.atZone(java.time.ZoneOffset.UTC).getHour());
      }
      assertTrue(
          present.contains(
              d.get("file").asText() + "|" + d.get("payload_md5").asText() + "|" + expected),
          "record present in its file: " + d);
    }
    assertEquals(Set.of("gap", "fold"), kinds);
  }

  @Test
  void aCorpusWrittenSpanBySpanMatchesItsTruthAndIsDeterministic() throws Exception {
    Path spans = tmp.resolve("spans");
    Path again = tmp.resolve("spans-again");
    GroundTruth t = new EventsCorpusGenerator(150).generate(SPEC, spans);
    new EventsCorpusGenerator(150).generate(SPEC, again);
    assertEquals(hashTree(spans), hashTree(again));
    assertNotEquals(hashTree(corpus), hashTree(spans), "three spans are not the one-span corpus");

    IndependentReader r = IndependentReader.read(spans, NY);
    JsonNode json = IndependentReader.MAPPER.readTree(spans.resolve("_truth/events.json").toFile());
    assertEquals(t.totals().files(), r.files.size());
    assertEquals(1, r.corruptFiles.size(), "corrupt files come once, with the first span");
    assertEquals(t.totals().records(), r.recs.size());
    assertEquals(t.totals().malformed(), r.malformed());
    assertEquals(t.totals().distinct(), r.distinct().size());
    assertEquals(t.malformedByKind(), r.malformedByKind);
    assertEquals(toMap(json.get("partitions")), r.partitions(r.recs));
    assertEquals(
        Set.of("gap", "fold"),
        t.dstRecords().stream().map(GroundTruth.DstRecord::kind).collect(Collectors.toSet()));
    assertTrue(
        t.dstRecords().size() < 2 * truth.dstRecords().size(),
        "DST sessions come once, not per span: " + t.dstRecords().size());
    assertEquals(SPEC.sessions(), t.spec().sessions());
    double perSession = (double) t.totals().records() / truth.totals().records();
    assertTrue(
        perSession > 0.8 && perSession < 1.25, "same sessions, similar records: " + perSession);
    Set<String> days =
        r.recs.stream()
            .filter(x -> x.key() != null)
            .map(x -> x.key().instant().atZone(NY).toLocalDate().toString())
            .collect(Collectors.toSet());
    for (int d = 0; d < SPEC.days(); d++) {
      assertTrue(
          days.contains(SPEC.start().plusDays(d).toString()), "events on every day: " + days);
    }
  }

  @Test
  void truthObjectAgreesWithTruthFile() {
    assertEquals(truth.totals().records(), truthJson.get("totals").get("records").asLong());
    assertEquals(truth.totals().distinct(), truthJson.get("totals").get("distinct").asLong());
    assertFalse(truth.slices().isEmpty());
  }

  static Map<String, Long> toMap(JsonNode obj) {
    Map<String, Long> m = new TreeMap<>();
    obj.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  static <T> List<T> iterate(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
