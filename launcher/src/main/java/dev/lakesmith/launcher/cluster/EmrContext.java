package dev.lakesmith.launcher.cluster;

import com.typesafe.config.Config;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.core.layout.S3Location;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of a cluster run: conf/ plus the user's files and overrides, with the raw input
 * root and the output moved to {@code lakesmith.emr.input-root} / {@code lakesmith.emr.output}
 * unless they are S3 URIs already (their defaults are local paths for {@code local}).
 *
 * @param confFiles the user's conf files, shipped to the cluster as one staged conf
 * @param overrides the user's {@code --conf key=value} pairs, passed on to every job step
 */
public record EmrContext(
    LakesmithConfig config, EmrSettings emr, List<File> confFiles, List<String> overrides) {

  public EmrContext {
    confFiles = List.copyOf(confFiles);
    overrides = List.copyOf(overrides);
  }

  public static EmrContext load(List<File> confFiles, List<String> overrides) {
    Config first = ConfigLoader.resolve(confFiles, overrides);
    EmrSettings emr = EmrSettings.from(first);
    refusePlaceholders(emr);
    List<String> layered = new ArrayList<>();
    if (!S3Location.isS3(first.getString("lakesmith.input-root"))) {
      layered.add("lakesmith.input-root=" + emr.inputRoot());
    }
    if (!S3Location.isS3(first.getString("lakesmith.output"))) {
      layered.add("lakesmith.output=" + emr.output());
    }
    layered.addAll(overrides);
    Config resolved = ConfigLoader.resolve(confFiles, layered);
    LauncherConfig.check(resolved);
    LakesmithConfig config = ConfigLoader.fromConfig(resolved);
    return new EmrContext(config, emr, confFiles, overrides);
  }

  /**
   * conf/emr.conf ships bucket names that say CHANGE-ME: a plan or run on them would describe, or
   * start, a cluster that fails on its first S3 call.
   */
  private static void refusePlaceholders(EmrSettings emr) {
    Map<String, String> locations = new LinkedHashMap<>();
    locations.put("input-root", emr.inputRoot());
    locations.put("output", emr.output());
    locations.put("staging", emr.staging().toString());
    locations.put("log-uri", emr.logUri());
    locations.forEach(
        (key, value) -> {
          if (value.contains(PLACEHOLDER)) {
            throw JobFailure.config(
                "lakesmith.emr."
                    + key
                    + " is still the placeholder '"
                    + value
                    + "'; name your buckets in a conf file (input-root, output, staging, log-uri;"
                    + " see README 'Running on EMR') and pass it with --conf-file");
          }
        });
  }

  private static final String PLACEHOLDER = "CHANGE-ME";

  /** The curated output root (an S3 URI, no trailing slash). */
  public String output() {
    String out = config.output();
    S3Location.parse(out, "lakesmith.output");
    return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
  }

  public DatasetConfig dataset(String name) {
    return config.dataset(name);
  }

  /** The dataset's raw input root as an S3 URI. */
  public String input(String dataset) {
    String input = dataset(dataset).input();
    if (!S3Location.isS3(input)) {
      throw JobFailure.config(
          "dataset '"
              + dataset
              + "' input '"
              + input
              + "' is not an S3 URI; set lakesmith.emr.input-root (or lakesmith.datasets."
              + dataset
              + ".input) to s3://…");
    }
    return input;
  }

  public RawLayout layout(String dataset) {
    return new RawLayout(
        dataset,
        S3Location.parse(input(dataset), "dataset '" + dataset + "' input"),
        dataset(dataset).source().path());
  }

  /** The user's conf files as one HOCON text (later files win, as when layered), if any. */
  public Optional<String> confText() {
    if (confFiles.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    for (File f : confFiles) {
      try {
        text.append("# from ")
            .append(f.getName())
            .append('\n')
            .append(Files.readString(f.toPath()))
            .append('\n');
      } catch (IOException e) {
        throw JobFailure.config("cannot read conf file " + f + ": " + e.getMessage());
      }
    }
    return Optional.of(text.toString());
  }
}
