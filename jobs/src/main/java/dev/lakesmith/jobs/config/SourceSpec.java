package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  private static void checkFormat(String format, String where) {
    if (!FORMATS.contains(format)) {
      throw JobFailure.config(where + " '" + format + "' is not supported; use one of " + FORMATS);
    }
  }

  /** JSON documents: where the records sit, e.g. data.metrics[].data[]. */
  public Optional<String> recordsPath() {
    return Optional.ofNullable(records);
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  /** Formats this source reads: the default one and those chosen by extension. */
  public Set<String> allFormats() {
    java.util.Set<String> all = new java.util.TreeSet<>(formatByExtension.values());
    all.add(format);
    return all;
  }
}
