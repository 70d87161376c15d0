package dev.lakesmith.jobs;

import dev.lakesmith.jobs.config.ConfigLoader;
import dev.lakesmith.jobs.config.DatasetConfig;
import dev.lakesmith.jobs.config.GapSpec;
import dev.lakesmith.jobs.config.LakesmithConfig;
import dev.lakesmith.jobs.config.UnmatchedFiles;
import dev.lakesmith.jobs.dedupe.DedupeResult;
import dev.lakesmith.jobs.dedupe.Deduplicator;
import dev.lakesmith.jobs.dedupe.RankedBatch;
import dev.lakesmith.jobs.manifest.Counts;
import dev.lakesmith.jobs.manifest.GapReport;
import dev.lakesmith.jobs.manifest.Gaps;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.manifest.PartitionWritten;
import dev.lakesmith.jobs.manifest.RunManifest;
import dev.lakesmith.jobs.read.InputFiles;
import dev.lakesmith.jobs.read.RawReader;
import dev.lakesmith.jobs.read.Slice;
import dev.lakesmith.jobs.read.SourceFiles;
import dev.lakesmith.jobs.validate.QuarantineWriter;
import dev.lakesmith.jobs.validate.RowBuilder;
import dev.lakesmith.jobs.write.ExistingPartitions;
import dev.lakesmith.jobs.write.Lineage;
import dev.lakesmith.jobs.write.PartitionWriter;
import dev.lakesmith.jobs.write.TableLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The curate step: list → read and validate → quarantine → dedupe → write touched partitions →
 * manifest. Nothing is published when the bad fraction is over the dataset's limit.
 */
public final class CurateRun {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final PrintStream out;
  private final Map<String, Long> timings = new LinkedHashMap<>();
  private long stageStart = System.nanoTime();

  public CurateRun(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  public static String newRunId(Instant start) {
    return RUN_ID.format(start)
        + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  public RunManifest run(CurateOptions options) {
    LakesmithConfig config = ConfigLoader.load(options.confFiles(), options.overrides());
    DatasetConfig dataset = config.dataset(options.dataset());
    Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String runId = options.runId().orElseGet(() -> newRunId(started));
    String output = TableLayout.trim(options.output().orElse(config.output()));
    Slice slice = options.slice().map(Slice::parse).orElse(Slice.all());
    String inputRoot = options.input().orElse(dataset.input());
    SessionSettings.apply(spark, config.sparkSettings());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();

    TableLayout layout = TableLayout.of(output, dataset);
    String manifestPath = ManifestWriter.path(output, dataset.name(), runId);
    String quarantinePath = QuarantineWriter.path(output, dataset.name(), runId);
    RunManifest.Outputs outputs =
        new RunManifest.Outputs(layout.root(), quarantinePath, manifestPath);
    ManifestDraft draft = new ManifestDraft(runId, dataset, slice, started, outputs);
    draft.gapSpec = GapSpec.of(config, dataset);

    InputFiles.Listing listing =
        InputFiles.list(
            hadoop, inputRoot, dataset.source().path(), slice, options.input().isPresent());
    draft.inputs =
        new RunManifest.Inputs(
            inputRoot,
            listing.pattern(),
            listing.files().size(),
            listing.totalBytes(),
            listing.emptyFiles(),
            listing.unmatched());
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
        return fail(
            hadoop,
            draft,
            JobFailure.input(
                unmatched
                    + "; fix source.path, or set lakesmith.datasets."
                    + dataset.name()
                    + ".unmatched-files=ignore to read only the matched files"));
      }
    }
    if (listing.files().isEmpty()) {
      return fail(
          hadoop,
          draft,
          JobFailure.input(
              "no input for dataset '"
                  + dataset.name()
                  + "' slice "
                  + slice.label()
                  + ": nothing matches "
                  + listing.pattern()
                  + (listing.emptyFiles().isEmpty()
                      ? ""
                      : " (" + listing.emptyFiles().size() + " empty files)")
                  + "; check --input and --slice"));
    }
    out.printf(
        "lakesmith: %s slice %s: reading %d files (%,d bytes) from %s%n",
        dataset.name(),
        slice.label(),
        listing.files().size(),
        listing.totalBytes(),
        listing.pattern());

    try {
      return curate(hadoop, dataset, config, layout, listing, draft, started);
    } catch (JobFailure e) {
      return fail(hadoop, draft, e);
    }
  }

  private RunManifest curate(
      Configuration hadoop,
      DatasetConfig dataset,
      LakesmithConfig config,
      TableLayout layout,
      InputFiles.Listing listing,
      ManifestDraft draft,
      Instant started) {
    SourceFiles sourceFiles = SourceFiles.of(spark, listing.files());
    Dataset<Row> parsed =
        RawReader.read(
            spark, dataset, sourceFiles, config.read(), new RowBuilder(dataset, started));
    Deduplicator deduplicator =
        new Deduplicator(dataset, layout, new Lineage.Stamp(started, draft.runId));
    RankedBatch batch = deduplicator.rank(parsed, sourceFiles);
    long read = batch.read();
    long bad = batch.bad();
    lap("read");
    if (bad > 0) {
      QuarantineWriter.write(batch.quarantined(), draft.outputs.quarantine(), draft.runId);
      draft.reasons = QuarantineWriter.topReasons(batch.badReasons());
      out.printf(
          "lakesmith: quarantined %d of %d records -> %s%n", bad, read, draft.outputs.quarantine());
    }
    lap("quarantine");
    draft.counts = new Counts(read, bad, 0, 0, 0);
    double badFraction = read == 0 ? 0 : (double) bad / read;
    if (read == 0 || badFraction > dataset.maxBadFraction()) {
      throw JobFailure.input(
          String.format(
              "%d of %d records (%.2f%%) were quarantined, over max-bad-fraction %s of dataset"
                  + " '%s'; nothing was published. Reasons: %s",
              bad,
              read,
              100.0 * badFraction,
              dataset.maxBadFraction(),
              dataset.name(),
              draft.outputs.quarantine()));
    }

    List<Map<String, String>> touched = batch.touched();
    DedupeResult result =
        deduplicator.resolve(batch, ExistingPartitions.read(spark, layout, touched));
    draft.counts =
        new Counts(
                read,
                bad,
                result.duplicatesDropped(),
                result.writtenNew(),
                result.replacedExisting())
            .checked();
    lap("dedupe");

    List<PartitionWritten> written = PartitionWriter.write(result, layout, dataset, config.write());
    lap("write");
    draft.gaps =
        GapReport.compute(
            spark, layout, dataset, draft.gapSpec, result.curated(), result.curatedRows());
    lap("gaps");
    result.release();
    draft.partitions = written;
    RunManifest manifest = draft.build(RunManifest.SUCCEEDED, null, timings);
    writeManifest(hadoop, manifest);
    out.printf(
        "lakesmith: read %d = quarantined %d + duplicates dropped %d + written new %d;"
            + " %d of %d touched partitions rewritten%n",
        read, bad, result.duplicatesDropped(), result.writtenNew(), written.size(), touched.size());
    out.printf("lakesmith: table    %s%n", layout.root());
    out.printf("lakesmith: manifest %s%n", manifest.outputs().manifest());
    return manifest;
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
      ManifestWriter.write(hadoop, manifest.outputs().manifest(), manifest);
    } catch (IOException e) {
      throw JobFailure.input(
          "cannot write manifest " + manifest.outputs().manifest() + ": " + e.getMessage());
    }
  }

  private void lap(String stage) {
    long now = System.nanoTime();
    timings.put(stage, (now - stageStart) / 1_000_000);
    stageStart = now;
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
          gaps);
    }

    private Map<String, String> versions() {
      Map<String, String> versions = new LinkedHashMap<>();
      String lakesmith = CurateRun.class.getPackage().getImplementationVersion();
      versions.put("lakesmith", lakesmith == null ? "dev" : lakesmith);
      versions.put("spark", spark.version());
      versions.put("scala", scala.util.Properties.versionNumberString());
      versions.put("java", System.getProperty("java.version"));
      return versions;
    }
  }
}
