package dev.lakesmith.launcher.cli;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.core.layout.Slice;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.aws.AwsFailures;
import dev.lakesmith.launcher.aws.AwsSettings;
import dev.lakesmith.launcher.cluster.ClusterPlanner;
import dev.lakesmith.launcher.cluster.ClusterSpec;
import dev.lakesmith.launcher.cluster.EmrContext;
import dev.lakesmith.launcher.cluster.RequestJson;
import dev.lakesmith.launcher.input.RawInventory;
import dev.lakesmith.launcher.stage.StagedArtifact;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code plan}: prints the exact RunJobFlow request, the steps and a cost estimate, creating
 * nothing. With {@code --input-bytes} it makes no AWS call at all; otherwise it lists the slice's
 * raw input to size the cluster. A rollback's or maintenance's cluster is the configured minimum,
 * planned without AWS.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description =
        "Prints the EMR request a run, backfill, rollback or maintenance would send; creates"
            + " nothing.")
public final class PlanCommand extends AwsCommand {
  @Option(names = "--dataset", required = true, description = "Dataset name from conf.")
  String dataset;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Range range;

  static final class Range {
    @Option(names = "--slice", description = "Arrival month or day, e.g. 2023-11.")
    String slice;

    @ArgGroup(exclusive = false)
    Backfill backfill;

    @Option(
        names = "--rollback",
        paramLabel = "RUN_ID",
        description = "The cluster `rollback --emr --run-id RUN_ID` would start.")
    String rollback;

    @Option(names = "--maintain", description = "The cluster `maintain --emr` would start.")
    boolean maintain;
  }

  static final class Backfill {
    @Option(names = "--from", required = true, description = "Backfill: first month.")
    String from;

    @Option(names = "--to", required = true, description = "Backfill: last month.")
    String to;
  }

  @Option(
      names = "--input-bytes",
      converter = ByteSize.class,
      paramLabel = "SIZE",
      description =
          "Raw input size to plan for, e.g. 900g, 1.5t or bytes (skips listing S3: no AWS call"
              + " at all).")
  Long inputBytes;

  public PlanCommand() {}

  public PlanCommand(AwsSettings settings) {
    super(settings);
  }

  @Override
  public Integer call() {
    if (range.rollback != null || range.maintain) {
      return planTable();
    }
    boolean backfill = range.backfill != null;
    List<String> slices =
        backfill
            ? BackfillCommand.months(range.backfill.from, range.backfill.to)
            : List.of(Slice.parse(range.slice).label());
    EmrContext context = context();
    context.dataset(dataset);
    RawLayout layout = context.layout(dataset);
    long bytes;
    String source;
    if (inputBytes != null) {
      bytes = inputBytes;
      source = "--input-bytes";
    } else {
      bytes = listed(layout, slices);
      source = "listed " + layout;
    }
    String runId = RunIds.next(Instant.now());
    ClusterPlanner.Planned planned =
        new ClusterPlanner(context).plan(dataset, slices, runId, bytes, backfill);
    ClusterSpec spec = planned.spec();
    out.printf(
        "lakesmith: plan of %s %s (run id %s); nothing is created%n",
        dataset, spec.sliceLabel(), runId);
    out.printf("lakesmith: input %,d bytes (%s)%n", bytes, source);
    print(context, planned, slices.size());
    return 0;
  }

  /** A whole-table step's cluster: its size is the configured minimum, so no listing. */
  private int planTable() {
    if (inputBytes != null) {
      throw JobFailure.config(
          "--input-bytes sizes a run or backfill; a rollback's or maintenance's cluster is"
              + " lakesmith.emr.sizing.min-core core nodes");
    }
    EmrContext context = context();
    String runId = range.rollback != null ? range.rollback : MaintainCommand.runId();
    ClusterPlanner.Planned planned =
        new ClusterPlanner(context)
            .planTable(
                dataset,
                (name, output, confFiles, overrides) ->
                    range.rollback != null
                        ? JobInvocation.rollback(name, runId, output, false, confFiles, overrides)
                        : JobInvocation.maintain(name, runId, output, confFiles, overrides));
    out.printf(
        "lakesmith: plan of %s %s (run id %s); nothing is created%n",
        dataset, planned.spec().sliceLabel(), runId);
    print(context, planned, 1);
    return 0;
  }

  private void print(EmrContext context, ClusterPlanner.Planned planned, int slices) {
    ClusterSpec spec = planned.spec();
    out.printf("lakesmith: %s%n", spec.size().describe(context.emr().instances()));
    out.printf("lakesmith: %s%n", planned.cost().describe());
    for (StagedArtifact a : planned.artifacts()) {
      out.printf("lakesmith: %s %s (uploaded by run when absent)%n", a.kind(), a.uri());
    }
    out.println("steps:");
    List<ClusterSpec.Step> steps = spec.steps();
    int perSlice = steps.size() / slices;
    for (int i = 0; i < steps.size(); i++) {
      boolean middle = i >= perSlice && i < steps.size() - perSlice;
      if (middle) {
        if (i == perSlice) {
          out.printf(
              "  … %d more steps: the same %d for each of %d more months%n",
              steps.size() - 2 * perSlice, perSlice, slices - 2);
        }
        continue;
      }
      var config = planned.request().steps().get(i);
      out.printf(
          "  %d. %s [%s]: %s %s%n",
          i + 1,
          config.name(),
          config.actionOnFailureAsString(),
          config.hadoopJarStep().jar(),
          String.join(" ", config.hadoopJarStep().args()));
    }
    out.println("RunJobFlow request:");
    out.println(RequestJson.pretty(RequestJson.of(planned.request())));
  }

  private long listed(RawLayout layout, List<String> slices) {
    try (AwsClients aws = AwsClients.create(settings)) {
      RawInventory inventory = RawInventory.list(aws.s3(), layout);
      return slices.stream().mapToLong(s -> inventory.totals(s).bytes()).sum();
    } catch (SdkException e) {
      throw new JobFailure(
          AwsFailures.exitCode(e),
          "cannot list "
              + layout
              + " to size the cluster ("
              + e.getMessage()
              + "); pass --input-bytes SIZE to plan without AWS",
          e);
    }
  }
}
