package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.ClusterPlanner;
import dev.lakesmith.launcher.cluster.EmrContext;
import java.io.File;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the AWS commands share: conf options, SDK clients from the standard chain (tests pass
 * explicit settings through the constructor), and how a launch report becomes output and an exit
 * code: 1 when the slice has no input, 3 when another run holds it or the cluster broke, and a
 * failed step's own code (see {@code ClusterOutcome#exitCode()}).
 */
abstract class AwsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--conf-file", description = "HOCON file layered over the defaults.")
  List<File> confFiles = new ArrayList<>();

  @Option(names = "--conf", description = "key=value override of any conf key.")
  List<String> overrides = new ArrayList<>();

  final AwsSettings settings;
  final PrintStream out = System.out;

  AwsCommand() {
    this(AwsSettings.fromEnvironment());
  }

  AwsCommand(AwsSettings settings) {
    this.settings = settings;
  }

  EmrContext context() {
    return EmrContext.load(confFiles, overrides);
  }

  ClusterLauncher launcher(EmrContext context, AwsClients aws) {
    return new ClusterLauncher(
        context, aws, new ClusterPlanner(context), out, Clock.systemUTC(), common.progressMode());
  }

  /**
   * Prints the end of one launch; returns normally when the work finished (or was started, without
   * waiting), else throws the one-line failure.
   */
  void finish(ClusterLauncher.Report report, String what) {
    if (report.heldBy().isPresent()) {
      throw JobFailure.internal(what + " not started: " + report.heldBy().get());
    }
    if (report.clusterId().isEmpty()) {
      if (!report.busy().isEmpty()) {
        throw JobFailure.internal(
            what + " not started: " + report.busy().values().iterator().next());
      }
      throw JobFailure.input(what + " not started: " + report.skipped().values().iterator().next());
    }
    if (report.outcome().isEmpty()) {
      return;
    }
    var outcome = report.outcome().get();
    if (report.ok()) {
      out.printf(
          "lakesmith: %s succeeded: %d steps COMPLETED, cluster %s %s%n",
          what, outcome.steps().size(), outcome.clusterId(), outcome.state());
      return;
    }
    for (Map.Entry<String, String> f : report.failed().entrySet()) {
      out.printf("lakesmith: FAILED %s: %s%n", f.getKey(), f.getValue());
    }
    String first =
        report.failed().isEmpty()
            ? "cluster ended "
                + outcome.state()
                + " ("
                + outcome.reasonCode()
                + ": "
                + outcome.reasonMessage()
                + ")"
            : report.failed().values().iterator().next();
    throw new JobFailure(
        report.exitCode(), what + " failed on cluster " + outcome.clusterId() + ": " + first);
  }
}
