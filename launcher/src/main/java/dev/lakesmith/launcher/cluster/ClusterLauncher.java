package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.core.progress.Progress;
import dev.lakesmith.core.progress.ProgressMode;
import dev.lakesmith.launcher.aws.AwsClients;
import dev.lakesmith.launcher.input.RawInventory;
import dev.lakesmith.launcher.input.RunHistory;
import dev.lakesmith.launcher.stage.ArtifactStager;
import dev.lakesmith.launcher.stage.DatasetLease;
import dev.lakesmith.launcher.stage.SliceClaims;
import dev.lakesmith.launcher.stage.StagedArtifact;
import dev.lakesmith.launcher.steps.TableCall;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Starts one transient cluster for some slices of a dataset and, when asked, waits for it: list the
 * raw input (size, what a backfill may skip), claim each slice, stage the artifacts, RunJobFlow,
 * record the cluster in the claims, then watch it to its end. Used by {@code run}, {@code trigger},
 * {@code backfill} and the Lambda handler; {@code rollback} and {@code maintain} start a cluster
 * for one whole-table step the same way, without input or claims.
 */
public final class ClusterLauncher {
  private final EmrContext context;
  private final AwsClients aws;
  private final ClusterPlanner planner;
  private final PrintStream out;
  private final ProgressMode progressMode;
  private final Clock clock;

  /** What to launch. */
  public record Request(
      String dataset, List<String> slices, boolean backfill, boolean force, boolean await) {
    public Request {
      slices = List.copyOf(slices);
    }
  }

  /**
   * What happened. {@code skipped}/{@code busy} map a slice to why no step runs it; {@code
   * sliceStates} (after waiting) maps each launched slice to COMPLETED or its failure line. {@code
   * heldBy} names the run holding the dataset's table when that kept every slice from starting.
   */
  public record Report(
      String runId,
      Optional<String> heldBy,
      Optional<String> clusterId,
      Optional<ClusterOutcome> outcome,
      Map<String, String> skipped,
      Map<String, String> busy,
      Map<String, String> failed,
      List<String> launched) {

    /** True when nothing failed and whatever was launched (and awaited) succeeded. */
    public boolean ok() {
      return failed.isEmpty() && outcome.map(ClusterOutcome::succeeded).orElse(true);
    }

    /**
     * The launcher's exit code: 0 when ok, else that of the cluster's outcome (see {@link
     * ClusterOutcome#exitCode()}); a launch that started nothing is not an exit code of its own.
     */
    public int exitCode() {
      return ok() ? 0 : outcome.map(ClusterOutcome::exitCode).orElse(JobFailure.INTERNAL);
    }
  }

  public ClusterLauncher(
      EmrContext context, AwsClients aws, ClusterPlanner planner, PrintStream out, Clock clock) {
    this(context, aws, planner, out, clock, ProgressMode.PLAIN);
  }

  /** With live bars of the steps (or a backfill's months) when {@code mode} says so. */
  public ClusterLauncher(
      EmrContext context,
      AwsClients aws,
      ClusterPlanner planner,
      PrintStream out,
      Clock clock,
      ProgressMode mode) {
    this.progressMode = mode;
    this.context = context;
    this.aws = aws;
    this.planner = planner;
    this.out = out;
    this.clock = clock;
  }

  public Report launch(Request request) throws InterruptedException {
    String dataset = request.dataset();
    String runId = RunIds.next(clock.instant());
    RawInventory inventory = RawInventory.list(aws.s3(), context.layout(dataset));
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, String> busy = new LinkedHashMap<>();
    RunHistory history =
        request.backfill() && !request.force()
            ? RunHistory.load(aws.s3(), context.output(), dataset)
            : null;

    List<String> candidates = new ArrayList<>();
    for (String slice : request.slices()) {
      RawInventory.Totals totals = inventory.totals(slice);
      if (totals.files() == 0) {
        skipped.put(slice, "no raw input under " + inventory.layout());
      } else if (history != null && history.succeeded(slice, totals)) {
        skipped.put(slice, "already succeeded with the same inputs");
      } else {
        candidates.add(slice);
      }
    }

    ActiveClusters active = new ActiveClusters(aws.emr(), context.emr().namePrefix());
    SliceClaims claims =
        new SliceClaims(
            aws.s3(),
            context.emr().staging(),
            context.emr().claimTimeout(),
            active::isActive,
            clock);
    List<SliceClaims.Claim> held = new ArrayList<>();
    Optional<String> heldBy = liveWriter(dataset);
    if (heldBy.isPresent() && !candidates.isEmpty()) {
      out.printf("lakesmith: not started: %s%n", heldBy.get());
      return new Report(
          runId, heldBy, Optional.empty(), Optional.empty(), skipped, busy, Map.of(), List.of());
    }
    for (String slice : candidates) {
      var running = active.find(dataset, slice);
      if (running.isPresent()) {
        busy.put(slice, "cluster " + running.get().id() + " is already running it");
        continue;
      }
      SliceClaims.Outcome claim = claims.claim(dataset, slice, runId);
      if (claim.won()) {
        held.add(claim.claim().get());
      } else {
        busy.put(slice, claim.busyReason());
      }
    }
    skipped.forEach((s, why) -> out.printf("lakesmith: %s %s: skipped (%s)%n", dataset, s, why));
    busy.forEach((s, why) -> out.printf("lakesmith: %s %s: not started: %s%n", dataset, s, why));
    if (held.isEmpty()) {
      return notStarted(runId, skipped, busy);
    }
    ClusterPlanner.Planned planned = plan(request, inventory, runId, held);
    stage(planned);
    // Claims are read again now that staging has given concurrent launchers time to land: a store
    // whose conditional put checks then writes may have let one replace a claim after read-back.
    int claimed = held.size();
    for (SliceClaims.Claim c : List.copyOf(held)) {
      if (!claims.stillHeld(c)) {
        held.remove(c);
        busy.put(c.slice(), "a concurrent launcher claimed it at the same moment");
        out.printf("lakesmith: %s %s: not started: %s%n", dataset, c.slice(), busy.get(c.slice()));
      }
    }
    if (held.isEmpty()) {
      return notStarted(runId, skipped, busy);
    }
    if (held.size() < claimed) {
      planned = plan(request, inventory, runId, held);
    }
    List<String> launched = held.stream().map(SliceClaims.Claim::slice).toList();
    String clusterId = start(planned);
    for (SliceClaims.Claim c : held) {
      claims.attach(c, clusterId);
    }
    out.printf(
        "lakesmith: run %s of %s %s on cluster %s (%d steps); logs under %s%s/%n",
        runId,
        dataset,
        planned.spec().sliceLabel(),
        clusterId,
        planned.spec().steps().size(),
        withSlash(context.emr().logUri()),
        clusterId);
    return started(
        request.await(), request.backfill(), planned, clusterId, skipped, busy, launched);
  }

  /**
   * Starts one cluster whose single step is a whole-table job step (rollback, maintain), sized and
   * configured by {@link ClusterPlanner#planTable}; nothing starts while another run holds the
   * dataset's table, or for a dataset that is not an Iceberg table.
   */
  public Report launchTable(String dataset, TableCall call, boolean await)
      throws InterruptedException {
    ClusterPlanner.Planned planned = planner.planTable(dataset, call);
    ClusterSpec spec = planned.spec();
    Optional<String> heldBy = liveWriter(dataset);
    if (heldBy.isPresent()) {
      out.printf("lakesmith: not started: %s%n", heldBy.get());
      return new Report(
          spec.runId(),
          heldBy,
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          Map.of(),
          Map.of(),
          List.of());
    }
    stage(planned);
    String clusterId = start(planned);
    ClusterSpec.Step step = spec.steps().get(0);
    out.printf(
        "lakesmith: step \"%s\" on cluster %s; logs under %s%s/%n",
        step.name(dataset), clusterId, withSlash(context.emr().logUri()), clusterId);
    return started(await, false, planned, clusterId, Map.of(), Map.of(), List.of(step.slice()));
  }

  private Optional<String> liveWriter(String dataset) {
    return DatasetLease.liveHolder(aws.s3(), context.output(), dataset, clock.instant())
        .map(
            writer ->
                "dataset '"
                    + dataset
                    + "' is being written by "
                    + writer.describe()
                    + "; a cluster would only wait for it. Run again when it has finished");
  }

  private void stage(ClusterPlanner.Planned planned) {
    ArtifactStager stager = new ArtifactStager(aws.s3());
    for (StagedArtifact a : planned.artifacts()) {
      boolean uploaded = stager.ensure(a);
      out.printf(
          "lakesmith: %s %s %s%n", a.kind(), a.uri(), uploaded ? "uploaded" : "already staged");
    }
  }

  /** Sends the RunJobFlow request; returns the new cluster's id. */
  private String start(ClusterPlanner.Planned planned) {
    out.printf(
        "lakesmith: %s; %s%n",
        planned.spec().size().describe(context.emr().instances()), planned.cost().describe());
    return aws.emr().runJobFlow(planned.request()).jobFlowId();
  }

  /**
   * The report of a started cluster: at once when not waiting (it terminates after its last step),
   * else when it has ended, the guard terminating it should this JVM exit meanwhile.
   */
  private Report started(
      boolean await,
      boolean backfill,
      ClusterPlanner.Planned planned,
      String clusterId,
      Map<String, String> skipped,
      Map<String, String> busy,
      List<String> launched)
      throws InterruptedException {
    String runId = planned.spec().runId();
    if (!await) {
      out.printf(
          "lakesmith: not waiting; %s terminates after its last step (idle backstop %s)%n",
          clusterId, context.emr().idleTimeout());
      return new Report(
          runId,
          Optional.empty(),
          Optional.of(clusterId),
          Optional.empty(),
          skipped,
          busy,
          Map.of(),
          launched);
    }
    ClusterOutcome outcome;
    try (ClusterGuard guard = new ClusterGuard(aws.emr(), clusterId, System.err)) {
      outcome =
          new ClusterWatcher(
                  aws.emr(),
                  context.emr().poll(),
                  out,
                  !backfill,
                  StepProgress.of(planned.spec(), backfill, Progress.forConsole(progressMode, out)))
              .await(clusterId);
    }
    Map<String, String> failed = failures(planned.spec(), outcome);
    return new Report(
        runId,
        Optional.empty(),
        Optional.of(clusterId),
        Optional.of(outcome),
        skipped,
        busy,
        failed,
        launched);
  }

  /** Per slice: the first failed (or never completed) step, as a printable line. */
  private ClusterPlanner.Planned plan(
      Request request, RawInventory inventory, String runId, List<SliceClaims.Claim> held) {
    List<String> slices = held.stream().map(SliceClaims.Claim::slice).toList();
    long bytes = slices.stream().mapToLong(s -> inventory.totals(s).bytes()).sum();
    return planner.plan(request.dataset(), slices, runId, bytes, request.backfill());
  }

  private static Report notStarted(
      String runId, Map<String, String> skipped, Map<String, String> busy) {
    return new Report(
        runId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        skipped,
        busy,
        Map.of(),
        List.of());
  }

  private static Map<String, String> failures(ClusterSpec spec, ClusterOutcome outcome) {
    Map<String, String> failed = new LinkedHashMap<>();
    List<StepSummary> steps = outcome.steps();
    for (int i = 0; i < spec.steps().size(); i++) {
      String slice = spec.steps().get(i).slice();
      if (failed.containsKey(slice)) {
        continue;
      }
      if (i >= steps.size()) {
        failed.put(slice, "step " + spec.steps().get(i).name(spec.dataset()) + " never ran");
        continue;
      }
      StepSummary step = steps.get(i);
      StepState state = step.status().state();
      if (state == StepState.FAILED) {
        failed.put(slice, outcome.describeFailure(step));
      } else if (state != StepState.COMPLETED) {
        failed.put(slice, "step \"" + step.name() + "\" (" + step.id() + ") ended " + state);
      }
    }
    return failed;
  }

  private static String withSlash(String uri) {
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
