package dev.lakesmith.core.invocation;

import dev.lakesmith.core.JobFailure;
import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * What one register run is asked to do.
 *
 * @param output curated root overriding {@code lakesmith.output}; the manifest is read beneath it
 * @param runId the curate run to publish; empty means the newest one that succeeded
 */
public record RegisterOptions(
    String dataset,
    Optional<String> output,
    Optional<String> runId,
    List<File> confFiles,
    List<String> overrides) {

  public RegisterOptions {
    if (dataset == null || dataset.isBlank()) {
      throw JobFailure.config("--dataset is required; e.g. --dataset events");
    }
    confFiles = List.copyOf(confFiles);
    overrides = List.copyOf(overrides);
  }
}
