package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where and how raw input arrives.
 *
 * @param path glob beneath the dataset's input root; {yyyy} {MM} {dd} stand for the arrival date
 * @param options format-specific scalar reader options
 * @param formatByExtension file-name extension (without dot, before any .gz) to format, for sources
 *     where some senders deliver another format into the same layout
 * @param pathValues values taken from each file's path, readable as {@code _path.<name>}
 * @param preambleKeys CSV: leading {@code key,value} rows with these keys come before the header;
 *     their values are readable by key like header columns
 * @param records JSON: the path of the records inside one document, e.g. {@code
 *     data.metrics[].data[]}; null means one record per JSON object in the stream
 */
public record SourceSpec(
    String format,
    String path,
    Map<String, String> options,
    Map<String, String> formatByExtension,
    List<PathValue> pathValues,
    List<String> preambleKeys,
    String records)
    implements Serializable {
  public static final Set<String> FORMATS = Set.of("json", "csv", "avro", "parquet");

  /** JSON: where the records sit inside one document ({@link #records}). */
  public static final String RECORDS = "records";

  /** JSON: records may span lines (pretty-printed); off, a broken line is one bad record. */
  public static final String MULTILINE_RECORDS = "multiline-records";

  /** CSV: the field separator, one character ({@code "\\t"} for a tab). */
  public static final String DELIMITER = "delimiter";

  /** CSV: the quote character. */
  public static final String QUOTE = "quote";

  /** CSV: keys of the {@code key,value} rows before the header ({@link #preambleKeys}). */
  public static final String PREAMBLE_KEYS = "preamble-keys";

  /** CSV: the files' character encoding, UTF-8 unless set (e.g. windows-1252). */
  public static final String ENCODING = "encoding";

  /** The {@code source.options} each format's reader reads; any other option is a mistake. */
  public static final Map<String, Set<String>> OPTIONS =
      Map.of(
          "json", Set.of(RECORDS, MULTILINE_RECORDS),
          "csv", Set.of(DELIMITER, QUOTE, PREAMBLE_KEYS, ENCODING),
          "avro", Set.of(),
          "parquet", Set.of());

  public SourceSpec {
    checkFormat(format, "source format");
    if (path == null || path.isBlank()) {
      throw JobFailure.config("source path is empty; use e.g. \"raw/{yyyy}/{MM}/{dd}\"");
    }
    options = Map.copyOf(options);
    formatByExtension = Map.copyOf(formatByExtension);
    formatByExtension.forEach((ext, f) -> checkFormat(f, "format-by-extension '" + ext + "'"));
    pathValues = List.copyOf(pathValues);
    preambleKeys = List.copyOf(preambleKeys);
  }

  public SourceSpec(String format, String path, Map<String, String> options) {
    this(format, path, options, Map.of(), List.of(), List.of(), null);
  }

  /**
   * Every option in {@code options} is read by the reader of {@code format} or of a format chosen
   * by extension; a mistyped one fails naming the nearest option.
   *
   * @param key the options' key, e.g. {@code lakesmith.datasets.events.source.options}
   */
  static void checkOptions(
      String format, Collection<String> byExtension, Set<String> options, String key) {
    Set<String> known = new TreeSet<>();
    Set<String> formats = new TreeSet<>(byExtension);
    formats.add(format);
    formats.forEach(f -> known.addAll(OPTIONS.getOrDefault(f, Set.of())));
    for (String option : new TreeSet<>(options)) {
      if (!known.contains(option)) {
        throw JobFailure.config(
            "'"
                + key
                + "."
                + option
                + "' is not an option of "
                + String.join("/", formats)
                + " sources"
                + ConfigSchema.nearest(option, known)
                    .map(n -> "; did you mean '" + n + "'?")
                    .orElse("; known options: " + (known.isEmpty() ? "none" : known)));
      }
    }
  }

  private static void checkFormat(String format, String where) {
    if (!FORMATS.contains(format)) {
      throw JobFailure.config(where + " '" + format + "' is not supported; use one of " + FORMATS);
    }
  }

  /** JSON documents: where the records sit, e.g. data.metrics[].data[]. */
  public Optional<String> recordsPath() {
    return Optional.ofNullable(records);
  }

  /**
   * A one-character option ({@code delimiter}, {@code quote}); {@code "\\t"} is a tab.
   *
   * @param key the option's full key, named when the value is not one character
   */
  public char character(String option, char fallback, String key) {
    String value = options.get(option);
    if (value == null) {
      return fallback;
    }
    if (value.equals("\\t")) {
      return '\t';
    }
    if (value.length() != 1) {
      throw JobFailure.config(
          key + " '" + value + "' is not one character; use e.g. \",\" or \"\\t\"");
    }
    return value.charAt(0);
  }

  /**
   * CSV: the name of the files' character encoding ({@link #ENCODING}), UTF-8 unless set.
   *
   * @param key the option's full key, named when Java knows no such encoding
   */
  public String encoding(String key) {
    String value = options.get(ENCODING);
    if (value == null) {
      return StandardCharsets.UTF_8.name();
    }
    try {
      return Charset.forName(value.trim()).name();
    } catch (IllegalArgumentException e) {
      throw JobFailure.config(
          key
              + " '"
              + value
              + "' is not a character encoding Java knows; use e.g. \"UTF-8\" or"
              + " \"windows-1252\"");
    }
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  /** Formats this source reads: the default one and those chosen by extension. */
  public Set<String> allFormats() {
    Set<String> all = new TreeSet<>(formatByExtension.values());
    all.add(format);
    return all;
  }
}
