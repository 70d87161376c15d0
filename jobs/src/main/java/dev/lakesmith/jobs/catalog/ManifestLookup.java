package dev.lakesmith.jobs.catalog;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the curate run the register step publishes: the one named by {@code --run-id}, or else the
 * most recently written manifest that SUCCEEDED (newest first, reading stops at the first).
 */
public final class ManifestLookup {

  private ManifestLookup() {}

  public static RunManifest find(
      Configuration hadoop, String output, String dataset, Optional<String> runId) {
    if (runId.isPresent()) {
      String file = ManifestWriter.path(output, dataset, runId.get());
      RunManifest manifest =
          read(hadoop, new Path(file))
              .orElseThrow(
                  () ->
                      JobFailure.config(
                          "no manifest "
                              + file
                              + " for run "
                              + runId.get()
                              + "; check --run-id and --output, or run the curate step first"));
      if (!RunManifest.SUCCEEDED.equals(manifest.status())) {
        throw JobFailure.input(
            "run "
                + manifest.runId()
                + " of dataset '"
                + dataset
                + "' did not succeed ("
                + manifest.status()
                + (manifest.error() == null ? "" : ": " + manifest.error())
                + "); nothing to register, fix and rerun the curate step");
      }
      return manifest;
    }
    return newestSucceeded(hadoop, output, dataset);
  }

  private static RunManifest newestSucceeded(Configuration hadoop, String output, String dataset) {
    Path dir = new Path(OutputLayout.runsDir(output, dataset));
    String missing =
        "no succeeded curate run of dataset '"
            + dataset
            + "' under "
            + dir
            + "; run the curate step first or pass --run-id";
    FileStatus[] files;
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      files = fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
    } catch (IOException e) {
      throw JobFailure.input("cannot list run manifests under " + dir + ": " + e.getMessage());
    }
    return Arrays.stream(files)
        .filter(f -> f.isFile() && OutputLayout.isManifestName(f.getPath().getName()))
        .sorted(
            Comparator.comparingLong(FileStatus::getModificationTime)
                .thenComparing(f -> f.getPath().getName())
                .reversed())
        .map(f -> read(hadoop, f.getPath()).orElse(null))
        .filter(m -> m != null && m.succeeded())
        .findFirst()
        .orElseThrow(() -> JobFailure.config(missing));
  }

  private static Optional<RunManifest> read(Configuration hadoop, Path file) {
    try (InputStream in = file.getFileSystem(hadoop).open(file)) {
      return Optional.of(ManifestJson.RUN_MANIFEST.readValue(in));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw JobFailure.input(
          "cannot read run manifest "
              + file
              + ": "
              + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
