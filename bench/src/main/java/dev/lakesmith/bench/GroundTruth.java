package dev.lakesmith.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a correct curate run must find in a generated corpus. Records in corrupt (unreadable) files
 * are not counted in {@code totals}, {@code slices} or {@code partitions}: a reader is expected to
 * quarantine the whole file.
 *
 * @param spec the spec the corpus was generated from
 * @param totals whole-corpus counts
 * @param malformedByKind malformed records per kind (readable files only)
 * @param corruptFiles files whose gzip stream is cut short
 * @param slices per arrival month ({@code yyyy-MM} of the {@code d=} directory)
 * @param partitions distinct valid rows per {@code name=<event>/d=<UTC event date>}
 * @param dstRecords every injected DST gap/fold record with its expected UTC instant
 */
public record GroundTruth(
    CorpusSpec spec,
    Totals totals,
    SortedMap<String, Long> malformedByKind,
    List<CorruptFile> corruptFiles,
    SortedMap<String, Slice> slices,
    SortedMap<String, Long> partitions,
    List<DstRecord> dstRecords) {
  private static final ObjectWriter PRETTY = new JsonMapper().writerWithDefaultPrettyPrinter();

  /**
   * @param files all gzip files, corrupt ones included
   * @param corruptFiles files whose gzip stream is cut short
   * @param records record frames in readable files (valid, duplicate and malformed)
   * @param malformed malformed frames
   * @param duplicates valid frames whose key was already seen
   * @param distinct distinct valid rows by (name, instant, payload_md5)
   * @param resent frames that are deliberate re-sends of an earlier record
   * @param late frames that reached Firehose days after the event (excluding re-sends)
   * @param jsonBytes uncompressed bytes in all files
   * @param gzipBytes file bytes on disk
   */
  public record Totals(
      long files,
      long corruptFiles,
      long records,
      long malformed,
      long duplicates,
      long distinct,
      long resent,
      long late,
      long jsonBytes,
      long gzipBytes) {}

  /**
   * @param path file path relative to the corpus root
   * @param records frames written into it before its gzip stream was cut
   * @param bytesCut bytes removed from the end of the gzip file
   */
  public record CorruptFile(String path, long records, long bytesCut) {}

  /**
   * Counts over the files of one arrival month, as a curate run of that slice sees them.
   *
   * @param distinct distinct valid rows within the month
   * @param distinctNew those not present in any earlier month
   * @param partitions distinct valid rows of the month per name/d
   */
  public record Slice(
      long files,
      long records,
      long malformed,
      long duplicates,
      long distinct,
      long distinctNew,
      SortedMap<String, Long> partitions) {}

  /**
   * @param kind {@code gap} or {@code fold}
   * @param instant the UTC instant java.time gives the naive tstamp (gap: shifted forward; fold:
   *     earlier offset)
   */
  public record DstRecord(
      String kind, String name, String tstamp, String payloadMd5, String instant, String file) {}

  /** The truth file text: hand-written JSON with a stable key order. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generator", "lakesmith generate-events");
    root.put(
        "notes",
        List.of(
            "distinct/duplicates use the key (name, instant, payload_md5); instant ="
                + " LocalDateTime.parse(tstamp).atZone(zone): a DST gap shifts forward, an overlap"
                + " takes the earlier offset",
            "partitions: d = UTC date of that instant; slices: yyyy-MM of the d= (arrival) directory",
            "records = malformed + duplicates + distinct (overall and per slice); corrupt files are"
                + " excluded from every count except files/corrupt_files"));
    root.put("spec", spec.toMap());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("files", totals.files);
    t.put("corrupt_files", totals.corruptFiles);
    t.put("records", totals.records);
    t.put("malformed", totals.malformed);
    t.put("duplicates", totals.duplicates);
    t.put("distinct", totals.distinct);
    t.put("resent", totals.resent);
    t.put("late", totals.late);
    t.put("json_bytes", totals.jsonBytes);
    t.put("gzip_bytes", totals.gzipBytes);
    root.put("totals", t);
    root.put("malformed_by_kind", malformedByKind);
    root.put(
        "corrupt_files",
        corruptFiles.stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("path", c.path);
                  m.put("records", c.records);
                  m.put("bytes_cut", c.bytesCut);
                  return (Object) m;
                })
            .toList());
    Map<String, Object> sl = new LinkedHashMap<>();
    slices.forEach(
        (month, s) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("files", s.files);
          m.put("records", s.records);
          m.put("malformed", s.malformed);
          m.put("duplicates", s.duplicates);
          m.put("distinct", s.distinct);
          m.put("distinct_new", s.distinctNew);
          m.put("partitions", s.partitions);
          sl.put(month, m);
        });
    root.put("slices", sl);
    root.put("partitions", partitions);
    root.put(
        "dst_records",
        dstRecords.stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", d.kind);
                  m.put("name", d.name);
                  m.put("tstamp", d.tstamp);
                  m.put("payload_md5", d.payloadMd5);
                  m.put("instant", d.instant);
                  m.put("file", d.file);
                  return (Object) m;
                })
            .toList());
    try {
      return PRETTY.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("truth maps hold only text, numbers, lists and maps", e);
    }
  }
}
