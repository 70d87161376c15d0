package dev.lakesmith.jobs.config;

import dev.lakesmith.jobs.JobFailure;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Where and how raw input arrives.
 *
 * @param path glob beneath the dataset's input root; {yyyy} {MM} {dd} stand for the arrival date
 * @param options format-specific reader options
 */
public record SourceSpec(String format, String path, Map<String, String> options)
    implements Serializable {
  public static final Set<String> FORMATS = Set.of("json", "csv", "avro", "parquet");

  public SourceSpec {
    if (!FORMATS.contains(format)) {
      throw JobFailure.config(
          "source format '" + format + "' is not supported; use one of " + FORMATS);
    }
    if (path == null || path.isBlank()) {
      throw JobFailure.config("source path is empty; use e.g. \"raw/{yyyy}/{MM}/{dd}\"");
    }
    options = Map.copyOf(options);
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
