package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.EmrContext;
import dev.lakesmith.launcher.steps.TableCall;
import picocli.CommandLine.Option;

/**
 * What {@code rollback} and {@code maintain} share: one whole-table job step, run on local Spark
 * (the default) or, with {@code --emr}, as the single step of a transient EMR cluster configured
 * like a curate run's for an Iceberg dataset, on the output in S3 that conf names.
 */
abstract class TableCommand extends AwsCommand {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(
      names = "--output",
      description =
          "Output root for local Spark (default: lakesmith.output); with --emr the output is"
              + " lakesmith.emr.output.")
  String output;

  @Option(
      names = "--emr",
      description =
          "Run the step on a transient EMR cluster (the configured minimum size) instead of local"
              + " Spark.")
  boolean emr;

  @Option(
      names = "--wait",
      description = "With --emr: wait for the cluster to end; exit 0 only if the step completed.")
  boolean wait;

  TableCommand() {}

  TableCommand(AwsSettings settings) {
    super(settings);
  }

  /** Runs {@code call} where the options say; {@code what} names it in the last line. */
  int run(TableCall call, String what) throws InterruptedException {
    if (!emr) {
      if (wait) {
        throw JobFailure.config("--wait is for --emr; a local step always runs to its end");
      }
      return LocalTableStep.run(dataset, output, confFiles, overrides, common, call);
    }
    if (output != null) {
      throw JobFailure.config(
          "--output is for local Spark; with --emr the output is lakesmith.emr.output (or an"
              + " s3:// lakesmith.output): set it with --conf or --conf-file");
    }
    EmrContext context = context();
    try (AwsClients aws = AwsClients.create(settings)) {
      finish(launcher(context, aws).launchTable(dataset, call, wait), what);
      return 0;
    }
  }
}
