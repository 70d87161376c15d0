package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.EmrContext;
import dev.lakesmith.launcher.trigger.EventParser;
import dev.lakesmith.launcher.trigger.ObjectEvent;
import dev.lakesmith.launcher.trigger.TriggerRouter;
import dev.lakesmith.launcher.trigger.TriggerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trigger}: an S3 or EventBridge "object created" event starts the run of the slice whose
 * completion marker arrived; data objects are acknowledged; duplicates start nothing.
 */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = "Starts the run an S3/EventBridge object-created event calls for.")
public final class TriggerCommand extends AwsCommand {
  @Option(
      names = "--event",
      required = true,
      description = "Event JSON file, or - for standard input.")
  String event;

  @Option(names = "--wait", description = "Wait for started clusters to end.")
  boolean wait;

  public TriggerCommand() {}

  public TriggerCommand(AwsSettings settings) {
    super(settings);
  }

  @Override
  public Integer call() throws InterruptedException {
    List<ObjectEvent> events = EventParser.parse(read(), event.equals("-") ? "<stdin>" : event);
    EmrContext context = context();
    TriggerService.Result result;
    try (AwsClients aws = AwsClients.create(settings)) {
      result = new TriggerService(context, launcher(context, aws), out).handle(events, wait);
    }
    for (ClusterLauncher.Report report : result.launches()) {
      if (report.clusterId().isEmpty() && report.heldBy().isEmpty() && !report.busy().isEmpty()) {
        out.printf(
            "lakesmith: nothing started for %s: %s (duplicate event)%n",
            report.busy().keySet(), report.busy().values());
      } else {
        finish(report, "run " + report.runId() + " of " + report.launched());
      }
    }
    List<TriggerRouter.Refuse> refused = result.refused();
    if (!refused.isEmpty()) {
      TriggerRouter.Refuse first = refused.get(0);
      throw JobFailure.config(
          "event for "
              + first.event()
              + " refused: "
              + first.reason()
              + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more objects)" : ""));
    }
    return 0;
  }

  private byte[] read() {
    try {
      return event.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(event));
    } catch (IOException e) {
      throw JobFailure.config("cannot read event " + event + ": " + e.getMessage());
    }
  }
}
