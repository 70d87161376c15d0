package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.layout.Slice;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.EmrContext;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: one slice on one transient EMR cluster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs one slice of a dataset on a transient EMR cluster.")
public final class RunCommand extends AwsCommand {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @Option(names = "--slice", required = true, description = "Arrival month or day, e.g. 2023-11.")
  String slice;

  @Option(
      names = "--wait",
      description = "Wait for the cluster to end; exit 0 only if every step completed.")
  boolean wait;

  public RunCommand() {}

  public RunCommand(AwsSettings settings) {
    super(settings);
  }

  @Override
  public Integer call() throws InterruptedException {
    Slice.parse(slice);
    EmrContext context = context();
    context.dataset(dataset);
    try (AwsClients aws = AwsClients.create(settings)) {
      ClusterLauncher.Report report =
          launcher(context, aws)
              .launch(new ClusterLauncher.Request(dataset, List.of(slice), false, false, wait));
      finish(report, "run of " + dataset + " " + slice);
      return 0;
    }
  }
}
