package dev.lakesmith.jobs;

import dev.lakesmith.core.JobErrors;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.CatalogSettings;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.GapSpec;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.config.PublishSettings;
import dev.lakesmith.core.config.QuarantineSettings;
import dev.lakesmith.core.config.TableFormat;
import dev.lakesmith.core.config.UnmatchedFiles;
import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.layout.RunIds;
import dev.lakesmith.core.layout.Slice;
import dev.lakesmith.core.manifest.BuildInfo;
import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.Gaps;
import dev.lakesmith.core.manifest.PartitionWritten;
import dev.lakesmith.core.manifest.PublishJournal;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.core.progress.AccumulatorBar;
import dev.lakesmith.core.progress.Progress;
import dev.lakesmith.jobs.catalog.SessionSettings;
import dev.lakesmith.jobs.dedupe.DedupeResult;
import dev.lakesmith.jobs.dedupe.Deduplicator;
import dev.lakesmith.jobs.dedupe.RankedBatch;
import dev.lakesmith.jobs.iceberg.IcebergCatalog;
import dev.lakesmith.jobs.iceberg.IcebergSettings;
import dev.lakesmith.jobs.iceberg.IcebergTable;
import dev.lakesmith.jobs.iceberg.KilledCommits;
import dev.lakesmith.jobs.iceberg.RunSnapshots;
import dev.lakesmith.jobs.manifest.GapReport;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.publish.PublishProbe;
import dev.lakesmith.jobs.publish.Publisher;
import dev.lakesmith.jobs.publish.StagingArea;
import dev.lakesmith.jobs.publish.TableLease;
import dev.lakesmith.jobs.publish.UnfinishedRuns;
import dev.lakesmith.jobs.read.InputFiles;
import dev.lakesmith.jobs.read.RawReader;
import dev.lakesmith.jobs.read.SourceFiles;
import dev.lakesmith.jobs.table.ExistingPartitions;
import dev.lakesmith.jobs.table.Lineage;
import dev.lakesmith.jobs.table.TableLayout;
import dev.lakesmith.jobs.validate.QuarantineTask;
import dev.lakesmith.jobs.validate.QuarantineWriter;
import dev.lakesmith.jobs.validate.RowBuilder;
import dev.lakesmith.jobs.write.OutputOutsideInput;
import dev.lakesmith.jobs.write.PartitionWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The curate step: take the dataset's lease → finish unfinished runs → list → read and validate →
 * quarantine → dedupe → stage the changed partitions → journal → publish → manifest. Nothing is
 * published when the bad fraction is over the dataset's limit, and every run that starts leaves a
 * manifest: SUCCEEDED, FAILED with the reason, or PUBLISHING when it died while publishing (the
 * next run of the dataset completes that publish). An Iceberg dataset takes the same steps up to
 * dedupe, then commits the changed partitions as one snapshot instead of staging and publishing;
 * where its catalog commits atomically it takes no dataset lease, only a run record of its own
 * (concurrent runs meet at the commit, which is validated, and the loser merges again).
 */
public final class CurateRun {
  private final SparkSession spark;
  private final PrintStream out;
  private final PublishProbe probe;
  private PublishProbe steps = PublishProbe.NONE;
  private final Progress progress;
  private QuarantineSettings access = QuarantineSettings.DEFAULT;
  private final Map<String, Long> timings = new LinkedHashMap<>();
  private long stageStart = System.nanoTime();

  public CurateRun(SparkSession spark, PrintStream out) {
    this(spark, out, PublishProbe.NONE);
  }

  /** A run whose publish steps are reported to {@code probe} (fault-injection tests). */
  public CurateRun(SparkSession spark, PrintStream out, PublishProbe probe) {
    this(spark, Progress.fromEnvironment(out), probe);
  }

  /** A run that draws live bars for its long stages as {@code progress} says. */
  public CurateRun(SparkSession spark, Progress progress, PublishProbe probe) {
    this.spark = spark;
    this.out = progress.out();
    this.progress = progress;
    this.probe = probe;
  }

  public RunManifest run(CurateOptions options) {
    LakesmithConfig config = ConfigLoader.load(options.confFiles(), options.overrides());
    DatasetConfig dataset = config.dataset(options.dataset());
    Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String runId = options.runId().orElseGet(() -> RunIds.next(started));
    String output = OutputLayout.trim(options.output().orElse(config.output()));
    Slice slice = options.slice().map(Slice::parse).orElse(Slice.all());
    String inputRoot = options.input().orElse(dataset.input());
    SessionSettings.apply(spark, config.sparkSettings());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    PublishSettings publishing = PublishSettings.from(config.source());
    access = config.quarantine();
    OutputOutsideInput.check(hadoop, inputRoot, output);

    TableLayout layout = TableLayout.of(output, dataset);
    Optional<IcebergTable> iceberg =
        dataset.tableFormat() == TableFormat.ICEBERG
            ? Optional.of(
                new IcebergTable(
                    spark,
                    IcebergCatalog.configure(
                        spark, output, CatalogSettings.from(config.source()).database()),
                    dataset))
            : Optional.empty();
    StagingArea staging = StagingArea.of(output, dataset.name(), runId);
    RunManifest.Outputs outputs =
        new RunManifest.Outputs(
            iceberg.map(IcebergTable::sparkName).orElse(layout.root()),
            QuarantineWriter.path(output, dataset.name(), runId),
            ManifestWriter.path(output, dataset.name(), runId),
            staging.root());
    ManifestDraft draft = new ManifestDraft(runId, dataset, slice, started, outputs);
    draft.gapSpec = GapSpec.of(config, dataset);
    steps = probe.andThen(PublishProbe.pausing(publishing.stepDelay()));
    Publisher publisher = new Publisher(hadoop, steps);

    TableLease lease;
    try {
      lease =
          iceberg.map(IcebergTable::takesConcurrentRuns).orElse(false)
              ? TableLease.forRun(hadoop, output, dataset.name(), runId, publishing)
              : TableLease.acquire(hadoop, output, dataset.name(), runId, publishing, out);
    } catch (JobFailure e) {
      return fail(hadoop, draft, e);
    }
    try (lease) {
      List<String> recovered = new ArrayList<>();
      if (iceberg.isPresent()) {
        recovered.addAll(
            KilledCommits.complete(
                hadoop, access, out, output, dataset.name(), iceberg.get().load(), runId));
      }
      recovered.addAll(
          new UnfinishedRuns(hadoop, publisher, access, out)
              .complete(output, dataset.name(), layout.root(), runId));
      draft.recovered = recovered;
      publisher.open(staging.root());
      writeManifest(hadoop, draft.build(RunManifest.RUNNING, null, timings));
      lap("setup");
      RunManifest manifest =
          curate(
              new Run(hadoop, dataset, config, layout, draft, lease, publisher, staging, iceberg),
              inputRoot,
              options.input().isPresent());
      publisher.discard(staging.root());
      probe.reached("cleaned");
      return manifest;
    } catch (Throwable e) {
      if (draft.journal != null) {
        throw interruptedPublish(draft, e);
      }
      JobFailure failure = asFailure(e, dataset.name());
      try {
        publisher.discard(staging.root());
      } catch (IOException | RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      return fail(hadoop, draft, failure);
    }
  }

  /** What one run works with once it holds the dataset's lease. */
  private record Run(
      Configuration hadoop,
      DatasetConfig dataset,
      LakesmithConfig config,
      TableLayout layout,
      ManifestDraft draft,
      TableLease lease,
      Publisher publisher,
      StagingArea staging,
      Optional<IcebergTable> iceberg) {}

  private RunManifest curate(Run run, String inputRoot, boolean explicitInput) throws IOException {
    DatasetConfig dataset = run.dataset();
    ManifestDraft draft = run.draft();
    InputFiles.Listing listing =
        InputFiles.list(
            run.hadoop(), inputRoot, dataset.source().path(), draft.slice, explicitInput);
    draft.inputs =
        new RunManifest.Inputs(
            inputRoot,
            listing.pattern(),
            listing.files().size(),
            listing.totalBytes(),
            listing.emptyFiles(),
            listing.unmatched(),
            listing.hidden());
    lap("list");
    if (!listing.unmatched().isEmpty()) {
      String unmatched =
          String.format(
              "%d files in the slice's folders match no source path %s (first: %s)",
              listing.unmatched().size(),
              listing.pattern(),
              String.join(
                  ", ", listing.unmatched().subList(0, Math.min(3, listing.unmatched().size()))));
      out.printf("lakesmith: WARNING: %s%n", unmatched);
      if (dataset.unmatchedFiles() == UnmatchedFiles.FAIL) {
        throw JobFailure.input(
            unmatched
                + "; fix source.path, or set lakesmith.datasets."
                + dataset.name()
                + ".unmatched-files=ignore to read only the matched files");
      }
    }
    if (listing.files().isEmpty()) {
      throw JobFailure.input(
          "no input for dataset '"
              + dataset.name()
              + "' slice "
              + draft.slice.label()
              + ": nothing matches "
              + listing.pattern()
              + (listing.emptyFiles().isEmpty()
                  ? ""
                  : " (" + listing.emptyFiles().size() + " empty files)")
              + "; check --input and --slice");
    }
    out.printf(
        "lakesmith: %s slice %s: reading %d files (%,d bytes) from %s%s%n",
        dataset.name(),
        draft.slice.label(),
        listing.files().size(),
        listing.totalBytes(),
        listing.pattern(),
        listing.hidden().isEmpty()
            ? ""
            : "; not reading "
                + listing.hidden().size()
                + " hidden names (_ or . first, listed in the manifest's inputs.hidden)");

    SourceFiles sourceFiles = SourceFiles.of(spark, listing.files());
    LongAccumulator filesRead = spark.sparkContext().longAccumulator("lakesmith files read");
    Dataset<Row> parsed =
        RawReader.read(
            spark,
            dataset,
            sourceFiles,
            run.config().read(),
            new RowBuilder(dataset, draft.started),
            filesRead);
    Deduplicator deduplicator =
        new Deduplicator(dataset, run.layout(), new Lineage.Stamp(draft.started, draft.runId));
    RankedBatch batch;
    try (AccumulatorBar bar =
        AccumulatorBar.watch(
            progress, "read", listing.files().size(), "files", () -> filesRead.value())) {
      batch = deduplicator.rank(parsed, sourceFiles);
    }
    long read = batch.read();
    long bad = batch.bad();
    progress(
        String.format("read %,d records from %,d files", read, listing.files().size()),
        lap("read"),
        read,
        listing.totalBytes());
    draft.counts = new Counts(read, bad, 0, 0, 0);
    if (bad > 0) {
      draft.reasons = QuarantineWriter.topReasons(batch.badReasons());
    }
    Runnable writeQuarantine =
        () ->
            QuarantineWriter.write(
                batch.quarantined(),
                draft.outputs.quarantine(),
                draft.runId,
                run.config().quarantine());
    double badFraction = read == 0 ? 0 : (double) bad / read;
    if (read == 0 || badFraction > dataset.maxBadFraction()) {
      if (bad > 0) {
        writeQuarantine.run();
        reportQuarantined(draft);
      }
      lap("quarantine");
      throw JobFailure.input(
          String.format(
              "%d of %d records (%.2f%%) were quarantined, over max-bad-fraction %s of dataset"
                  + " '%s'; nothing was published. Top reasons: %s. Records and reasons: %s;"
                  + " fix the input or conf, or raise lakesmith.datasets.%s.max-bad-fraction",
              bad,
              read,
              100.0 * badFraction,
              dataset.maxBadFraction(),
              dataset.name(),
              topReasons(draft.reasons),
              draft.outputs.quarantine(),
              dataset.name()));
    }
    try (QuarantineTask quarantine =
        bad > 0 ? QuarantineTask.start(writeQuarantine) : QuarantineTask.none()) {
      return publish(run, deduplicator, batch, quarantine);
    }
  }

  /** After the bad-fraction check: merge, stage and publish (or commit), the quarantine beside. */
  private RunManifest publish(
      Run run, Deduplicator deduplicator, RankedBatch batch, QuarantineTask quarantine)
      throws IOException {
    DatasetConfig dataset = run.dataset();
    ManifestDraft draft = run.draft();
    List<Map<String, String>> touched = batch.touched();
    if (run.iceberg().isPresent()) {
      return commit(run, run.iceberg().get(), deduplicator, batch, quarantine);
    }
    DedupeResult result =
        deduplicator.resolve(batch, ExistingPartitions.read(spark, run.layout(), touched));
    countAndReport(draft, batch, result);

    PartitionWriter.write(result, run.staging().data(), dataset, run.config().write());
    probe.reached("staged");
    progress(
        String.format("staged %,d changed partitions", result.changed().size()),
        lap("write"),
        0,
        0);
    draft.gaps =
        GapReport.compute(
            spark, run.layout(), dataset, draft.gapSpec, result.curated(), result.curatedRows());
    lap("gaps");
    List<Map<String, String>> changed =
        result.changed().stream().map(DedupeResult.PartitionDelta::values).toList();
    PublishJournal journal = run.publisher().plan(run.layout(), run.staging(), changed);
    draft.partitions = written(result, journal);
    // The quarantine write reads the cached ranking that release() drops.
    awaitQuarantine(quarantine, draft);
    result.release();

    run.lease().checkHeld();
    draft.journal = journal;
    writeManifest(run.hadoop(), draft.build(RunManifest.PUBLISHING, null, timings));
    probe.reached("journal");
    run.publisher().apply(journal, progress);
    progress(
        String.format(
            "published %,d files (%,d bytes) into %s",
            journal.filesAdded(), journal.bytesAdded(), run.layout().root()),
        lap("publish"),
        0,
        0);
    RunManifest manifest = draft.build(RunManifest.SUCCEEDED, null, timings);
    writeManifest(run.hadoop(), manifest);
    probe.reached("manifest");
    report(manifest, changed.size(), touched.size(), run.layout().root());
    return manifest;
  }

  /** Waits for the quarantine write (once) and reports it; its time is its own, not a lap. */
  private void awaitQuarantine(QuarantineTask quarantine, ManifestDraft draft) {
    if (draft.counts.quarantined() > 0 && !timings.containsKey("quarantine")) {
      timings.put("quarantine", quarantine.await());
      reportQuarantined(draft);
    }
  }

  private void reportQuarantined(ManifestDraft draft) {
    out.printf(
        "lakesmith: quarantined %d of %d records -> %s%n",
        draft.counts.quarantined(), draft.counts.read(), draft.outputs.quarantine());
  }

  private void countAndReport(ManifestDraft draft, RankedBatch batch, DedupeResult result) {
    draft.counts =
        new Counts(
                batch.read(),
                batch.bad(),
                result.duplicatesDropped(),
                result.writtenNew(),
                result.replacedExisting())
            .checked();
    progress(
        String.format("deduplicated against %,d touched partitions", batch.touched().size()),
        lap("dedupe"),
        0,
        0);
  }

  /**
   * The Iceberg branch: merge the batch with the touched partitions as of the current snapshot,
   * then commit the changed partitions as one snapshot tagged with the run (nothing is committed
   * when none changed), and the manifest names that snapshot. When another writer committed to
   * those partitions in between, the commit is refused; the run reads the new snapshot and merges
   * again, up to {@code lakesmith.iceberg.commit-attempts} tries, so no one's update is lost.
   */
  private RunManifest commit(
      Run run,
      IcebergTable table,
      Deduplicator deduplicator,
      RankedBatch batch,
      QuarantineTask quarantine) {
    ManifestDraft draft = run.draft();
    int attempts = IcebergSettings.from(run.config().source()).commitAttempts();
    List<Map<String, String>> touched = batch.touched();
    DedupeResult result;
    IcebergTable.Commit commit;
    for (int attempt = 1; ; attempt++) {
      result = deduplicator.resolve(batch, table.existing(touched));
      countAndReport(draft, batch, result);
      draft.commitAttempts = attempt;
      steps.reached("merged");
      awaitQuarantine(quarantine, draft);
      run.lease().checkHeld();
      try {
        commit =
            table.commit(
                result,
                RunSnapshots.summary(draft.runId, draft.slice.label(), draft.counts),
                run.config().write());
        break;
      } catch (IcebergTable.Conflict conflict) {
        result.stored().stream().filter(rows -> rows != batch.rows()).forEach(Dataset::unpersist);
        if (attempt >= attempts) {
          throw JobFailure.internal(
              conflict.getMessage()
                  + "; tried "
                  + attempt
                  + " times, nothing of run "
                  + draft.runId
                  + " was committed. Run the slice again when the other writer is done, or raise"
                  + " lakesmith.iceberg.commit-attempts",
              conflict);
        }
        out.printf(
            "lakesmith: %s; reading again and merging again (try %d of %d)%n",
            conflict.getMessage(), attempt + 1, attempts);
      }
    }
    lap("commit");
    steps.reached("committed");
    draft.gaps =
        GapReport.compute(
            spark,
            run.layout(),
            run.dataset(),
            draft.gapSpec,
            result.curated(),
            result.curatedRows());
    result.release();
    lap("gaps");
    draft.partitions = commit.partitions();
    draft.icebergSnapshotId = commit.snapshotId();
    RunManifest manifest = draft.build(RunManifest.SUCCEEDED, null, timings);
    writeManifest(run.hadoop(), manifest);
    probe.reached("manifest");
    report(
        manifest,
        result.changed().size(),
        touched.size(),
        table.sparkName()
            + (commit.snapshotId() == null
                ? " (Iceberg: nothing changed, no snapshot)"
                : " (Iceberg snapshot " + commit.snapshotId() + ")"));
    return manifest;
  }

  private void report(RunManifest manifest, int changed, int touched, String table) {
    Counts counts = manifest.counts();
    out.printf(
        "lakesmith: read %d = quarantined %d + duplicates dropped %d + written new %d;"
            + " %d of %d touched partitions rewritten%n",
        counts.read(),
        counts.quarantined(),
        counts.duplicatesDropped(),
        counts.writtenNew(),
        changed,
        touched);
    out.printf("lakesmith: table    %s%n", table);
    out.printf("lakesmith: manifest %s%n", manifest.outputs().manifest());
  }

  private static String topReasons(List<RunManifest.ReasonCount> reasons) {
    return reasons.isEmpty()
        ? "none (no records read)"
        : String.join(
            "; ", reasons.stream().limit(3).map(r -> r.reason() + " (" + r.count() + ")").toList());
  }

  private static List<PartitionWritten> written(DedupeResult result, PublishJournal journal) {
    Map<Map<String, String>, DedupeResult.PartitionDelta> deltas = new LinkedHashMap<>();
    result.changed().forEach(delta -> deltas.put(delta.values(), delta));
    List<PartitionWritten> written = new ArrayList<>();
    for (PublishJournal.PartitionSwap swap : journal.partitions()) {
      DedupeResult.PartitionDelta delta = deltas.get(swap.values());
      written.add(
          new PartitionWritten(
              swap.values(),
              swap.path(),
              delta.rows(),
              delta.newRows(),
              swap.add().size(),
              swap.add().stream().mapToLong(PublishJournal.Move::bytes).sum()));
    }
    return written;
  }

  /**
   * A failure after the journal is written: the table may be half swapped, so the run stays
   * PUBLISHING and its staging stays for the next run, which completes the publish.
   */
  private JobFailure interruptedPublish(ManifestDraft draft, Throwable cause) {
    return JobFailure.internal(
        "the publish of run "
            + draft.runId
            + " was interrupted ("
            + JobErrors.describe(cause)
            + "); the table may show some partitions twice until the next run of dataset '"
            + draft.dataset.name()
            + "' completes this publish (any slice; rerunning this one is enough)",
        cause);
  }

  private static JobFailure asFailure(Throwable e, String dataset) {
    JobFailure known = JobErrors.find(e);
    if (known != null) {
      return known;
    }
    String what =
        e instanceof OutOfMemoryError
            ? "ran out of memory ("
                + JobErrors.describe(e)
                + "); give the driver or executors more memory, or curate a smaller slice"
            : "failed: " + JobErrors.describe(e);
    return JobFailure.internal("curate of dataset '" + dataset + "' " + what, e);
  }

  private RunManifest fail(Configuration hadoop, ManifestDraft draft, JobFailure failure) {
    RunManifest manifest = draft.build(RunManifest.FAILED, failure.getMessage(), timings);
    try {
      writeManifest(hadoop, manifest);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    throw failure;
  }

  private void writeManifest(Configuration hadoop, RunManifest manifest) {
    try {
      ManifestWriter.write(hadoop, manifest.outputs().manifest(), manifest, access);
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot write manifest " + manifest.outputs().manifest() + ": " + e.getMessage(), e);
    }
  }

  private long lap(String stage) {
    long now = System.nanoTime();
    long millis = (now - stageStart) / 1_000_000;
    timings.put(stage, millis);
    stageStart = now;
    return millis;
  }

  /** One progress line per stage: what it did, how long it took, and its rate where it has one. */
  private void progress(String what, long millis, long count, long bytes) {
    double seconds = Math.max(millis, 1) / 1000.0;
    String rate =
        count <= 0
            ? ""
            : String.format(
                ": %,.0f records/s%s",
                count / seconds,
                bytes <= 0 ? "" : String.format(", %.1f MB/s", bytes / seconds / 1e6));
    out.printf("lakesmith: %s in %.1f s%s%n", what, seconds, rate);
  }

  /** The manifest as it fills in while the run goes through its stages. */
  private final class ManifestDraft {
    final String runId;
    final DatasetConfig dataset;
    final Slice slice;
    final Instant started;
    final RunManifest.Outputs outputs;
    RunManifest.Inputs inputs;
    Counts counts = new Counts(0, 0, 0, 0, 0);
    List<RunManifest.ReasonCount> reasons = List.of();
    List<PartitionWritten> partitions = List.of();
    GapSpec gapSpec;
    Gaps gaps;
    List<String> recovered = List.of();
    PublishJournal journal;
    Long icebergSnapshotId;
    Integer commitAttempts;

    ManifestDraft(
        String runId,
        DatasetConfig dataset,
        Slice slice,
        Instant started,
        RunManifest.Outputs outputs) {
      this.runId = runId;
      this.dataset = dataset;
      this.slice = slice;
      this.started = started;
      this.outputs = outputs;
    }

    RunManifest build(String status, String error, Map<String, Long> timingsMs) {
      Map<String, Long> allTimings = new LinkedHashMap<>(timingsMs);
      allTimings.put("total", java.time.Duration.between(started, Instant.now()).toMillis());
      return new RunManifest(
          runId,
          dataset.name(),
          dataset.table(),
          status,
          error,
          slice.label(),
          started.toString(),
          Instant.now().toString(),
          inputs,
          outputs,
          counts,
          counts.identityHolds(),
          reasons,
          partitions,
          allTimings,
          versions(),
          gaps,
          journal,
          recovered,
          null,
          icebergSnapshotId,
          commitAttempts);
    }

    private Map<String, String> versions() {
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put("lakesmith", BuildInfo.version());
      versions.put("spark", spark.version());
      versions.put("scala", scala.util.Properties.versionNumberString());
      versions.put("java", System.getProperty("java.version"));
      return versions;
    }
  }
}
