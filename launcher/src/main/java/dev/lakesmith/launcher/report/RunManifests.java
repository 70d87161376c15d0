package dev.lakesmith.launcher.report;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.layout.S3Location;
import dev.lakesmith.core.manifest.ManifestJson;
import dev.lakesmith.core.manifest.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The run manifests of one dataset, {@code <output>/_runs/<dataset>/*.json}, read from a local
 * directory or from S3, newest first. The commands that show runs read them here so that they agree
 * on what a run is; an unreadable manifest is reported by name, not fatal.
 *
 * @param location where the manifests were looked for
 * @param runs newest first (by start time, then run id)
 * @param unreadable manifests that could not be parsed, with the reason
 */
public record RunManifests(String location, List<RunManifest> runs, List<String> unreadable) {
  private static final Comparator<RunManifest> NEWEST_FIRST =
      Comparator.comparing((RunManifest m) -> String.valueOf(m.startedAt()))
          .thenComparing(m -> String.valueOf(m.runId()))
          .reversed();

  public RunManifests {
    runs = List.copyOf(runs);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * @param s3 built only when {@code output} is an {@code s3://} location
   */
  public static RunManifests load(String output, String dataset, Supplier<S3Client> s3) {
    String trimmed = OutputLayout.trim(output);
    List<RunManifest> runs = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    String location;
    if (S3Location.isS3(trimmed)) {
      S3Location dir = S3Location.parse(OutputLayout.runsDir(trimmed, dataset) + "/", "--output");
      location = dir.toString();
      S3Client client = s3.get();
      for (S3Object o :
          client
              .listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.prefix()))
              .contents()) {
        String name = o.key().substring(dir.prefix().length());
        if (OutputLayout.isManifestName(name)) {
          byte[] json =
              client.getObjectAsBytes(b -> b.bucket(dir.bucket()).key(o.key())).asByteArray();
          parse(json, "s3://" + dir.bucket() + "/" + o.key(), runs, unreadable);
        }
      }
    } else {
      Path dir = Path.of(OutputLayout.runsDir(trimmed, dataset));
      location = dir.toString();
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.sorted().toList()) {
            if (Files.isRegularFile(file)
                && OutputLayout.isManifestName(file.getFileName().toString())) {
              parse(Files.readAllBytes(file), file.toString(), runs, unreadable);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read run manifests under " + dir, e);
        }
      }
    }
    runs.sort(NEWEST_FIRST);
    return new RunManifests(location, runs, unreadable);
  }

  /** These runs, or a bad-input failure naming where none were found. */
  public RunManifests requireSome(String dataset) {
    if (runs.isEmpty()) {
      throw JobFailure.input(
          "no run manifests of dataset '"
              + dataset
              + "' under "
              + location
              + (unreadable.isEmpty() ? "" : " (" + unreadable.size() + " unreadable)")
              + "; check --output, or curate first (e.g. lakesmith local --dataset "
              + dataset
              + ")");
    }
    return this;
  }

  private static void parse(
      byte[] json, String where, List<RunManifest> runs, List<String> unreadable) {
    try {
      runs.add(ManifestJson.RUN_MANIFEST.readValue(json));
    } catch (IOException e) {
      unreadable.add(where + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }
}
