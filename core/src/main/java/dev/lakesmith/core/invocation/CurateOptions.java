package dev.lakesmith.core.invocation;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.Slice;
import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * What one curate run is asked to do.
 *
 * @param input raw root overriding the dataset's configured input
 * @param output curated root overriding {@code lakesmith.output}
 * @param slice arrival month or day; empty means every arrival date under the input (checked here,
 *     so a bad one fails before Spark starts)
 */
public record CurateOptions(
    String dataset,
    Optional<String> input,
    Optional<String> output,
    Optional<String> slice,
    Optional<String> runId,
    List<File> confFiles,
    List<String> overrides) {

  public CurateOptions {
    if (dataset == null || dataset.isBlank()) {
      throw JobFailure.config("--dataset is required; e.g. --dataset events");
    }
    slice.ifPresent(Slice::parse);
    confFiles = List.copyOf(confFiles);
    overrides = List.copyOf(overrides);
  }
}
