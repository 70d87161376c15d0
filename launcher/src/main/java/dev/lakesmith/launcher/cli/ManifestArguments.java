package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.report.RunManifests;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of the commands that read a dataset's run manifests ({@code runs}, {@code report}): which
 * dataset, and which output (default: the conf's {@code lakesmith.output}), local or S3.
 */
public final class ManifestArguments {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(
      names = "--output",
      description = "Output root, a directory or s3:// (default: lakesmith.output).")
  String output;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  List<String> overrides = new ArrayList<>();

  /** The dataset's manifests, newest first; S3 through the SDK's standard chain. */
  RunManifests load(AwsSettings aws) {
    LakesmithConfig config = ConfigLoader.load(confFiles, overrides);
    String name = config.dataset(dataset).name();
    String root = output != null ? output : config.output();
    try (AwsClients clients = AwsClients.create(aws)) {
      RunManifests found = RunManifests.load(root, name, clients::s3);
      found
          .unreadable()
          .forEach(u -> System.err.println("lakesmith: skipped unreadable manifest " + u));
      return found.requireSome(name);
    }
  }
}
