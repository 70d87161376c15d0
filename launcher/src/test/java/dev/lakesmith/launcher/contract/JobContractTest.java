package dev.lakesmith.launcher.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.invocation.CurateOptions;
import dev.lakesmith.core.invocation.JobInvocation;
import dev.lakesmith.core.invocation.RegisterOptions;
import dev.lakesmith.core.invocation.StepChain;
import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.core.layout.S3Location;
import dev.lakesmith.core.layout.Slice;
import dev.lakesmith.core.manifest.Counts;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.CurateJob;
import dev.lakesmith.jobs.RegisterJob;
import dev.lakesmith.jobs.RollbackJob;
import dev.lakesmith.jobs.StepChainJob;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import dev.lakesmith.jobs.read.InputFiles;
import dev.lakesmith.launcher.input.LocalInput;
import dev.lakesmith.launcher.input.RawInventory;
import dev.lakesmith.launcher.input.RunHistory;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.StepPlan;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher and the job agree, checked with each side's own classes: the steps the launcher
 * plans parse into the options the job runs with; the manifest the job writes is what the
 * launcher's backfill reads; and the launcher's idea of a slice's files is the job's listing.
 */
class JobContractTest {
  private static final String RUN = "20240102T030405Z-abc123";

  @Test
  void theStepsTheLauncherPlansParseIntoTheJobsOptions() {
    StepPlan plan =
        StepPlan.curateAndRegister(
            "events",
            RUN,
            "s3://lake/curated",
            Optional.of("s3://raw/events"),
            Optional.of("2023-11"),
            List.of("lakesmith-run.conf"),
            List.of("lakesmith.datasets.events.write.files-per-partition=2"));
    JobStep curateStep = plan.steps().get(0);
    JobStep registerStep = plan.steps().get(1);

    assertEquals(CurateJob.class.getName(), curateStep.mainClass());
    CurateJob curate = new CurateJob();
    new CommandLine(curate).parseArgs(curateStep.args().toArray(String[]::new));
    assertEquals(
        new CurateOptions(
            "events",
            Optional.of("s3://raw/events"),
            Optional.of("s3://lake/curated"),
            Optional.of("2023-11"),
            Optional.of(RUN),
            List.of(new File("lakesmith-run.conf")),
            List.of("lakesmith.datasets.events.write.files-per-partition=2")),
        curate.options());

    assertEquals(RegisterJob.class.getName(), registerStep.mainClass());
    RegisterJob register = new RegisterJob();
    new CommandLine(register).parseArgs(registerStep.args().toArray(String[]::new));
    assertEquals(
        new RegisterOptions(
            "events",
            Optional.of("s3://lake/curated"),
            Optional.of(RUN),
            List.of(new File("lakesmith-run.conf")),
            List.of("lakesmith.datasets.events.write.files-per-partition=2")),
        register.options());
  }

  @Test
  void aLocalChainOfStepsGivesEachEntryPointItsOwnArguments() {
    StepPlan plan =
        StepPlan.curateAndRegister(
            "events",
            RUN,
            "/data/curated",
            Optional.of("/data/raw"),
            Optional.of("2023-11"),
            List.of(),
            List.of("lakesmith.datasets.events.write.files-per-partition=2"));

    JobStep chain = JobStep.chain(plan.steps());

    assertEquals(StepChainJob.class.getName(), chain.mainClass());
    assertEquals("curate+register", chain.name());
    List<StepChain.Step> steps = StepChain.parse(chain.args());
    assertEquals(2, steps.size());
    for (int i = 0; i < steps.size(); i++) {
      JobStep alone = plan.steps().get(i);
      Object chained = StepChainJob.entryPoint(steps.get(i).name());
      assertEquals(alone.mainClass(), chained.getClass().getName());
      new CommandLine(chained).parseArgs(steps.get(i).args().toArray(String[]::new));
      Object direct = StepChainJob.entryPoint(alone.name());
      new CommandLine(direct).parseArgs(alone.args().toArray(String[]::new));
      assertEquals(options(direct), options(chained));
    }
    assertEquals(plan.steps().get(0), JobStep.chain(List.of(plan.steps().get(0))));
  }

  private static Object options(Object entryPoint) {
    return entryPoint instanceof CurateJob curate
        ? curate.options()
        : ((RegisterJob) entryPoint).options();
  }

  @Test
  void aRollbackStepParsesWithEveryOptionItCarries() {
    JobInvocation call =
        JobInvocation.rollback("events", RUN, "/data/curated", true, List.of(), List.of("a.b=1"));
    assertEquals(RollbackJob.class.getName(), call.mainClass());
    CommandLine.ParseResult parsed =
        new CommandLine(new RollbackJob()).parseArgs(call.args().toArray(String[]::new));
    assertEquals(RUN, parsed.matchedOptionValue("--run-id", ""));
    assertEquals("/data/curated", parsed.matchedOptionValue("--output", ""));
    assertTrue(parsed.hasMatchedOption("--force"));
    assertEquals(List.of("a.b=1"), parsed.matchedOptionValue("--conf", List.of()));
  }

  @Test
  void theManifestTheJobWritesIsWhatTheBackfillReads(@TempDir Path out) throws Exception {
    String output = out.toString();
    RunManifest written =
        new RunManifest(
            RUN,
            "events",
            "events",
            RunManifest.SUCCEEDED,
            null,
            "2023-11",
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:05:05Z",
            new RunManifest.Inputs("raw", "raw/x", 3, 4096, List.of(), List.of(), List.of()),
            null,
            new Counts(10, 1, 2, 7, 0),
            true,
            List.of(),
            List.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            List.of(),
            null,
            null,
            null);
    ManifestWriter.write(new Configuration(), ManifestWriter.path(output, "events", RUN), written);

    RunHistory history = RunHistory.load(null, output, "events");
    assertEquals(List.of(written), history.runs());
    assertTrue(history.succeeded("2023-11", new RawInventory.Totals(3, 4096)));
    assertTrue(!history.succeeded("2023-11", new RawInventory.Totals(3, 4097)));
    assertTrue(!history.succeeded("2023-12", new RawInventory.Totals(3, 4096)));
  }

  /**
   * One tree on disk, served over S3 to the launcher and read from the file system by the job:
   * hidden files and folders, empty files, files deeper down, a file next to the day folders and a
   * folder whose name only starts like a day.
   */
  @Test
  void theLaunchersSliceTotalsAreTheJobsListing(@TempDir Path base) throws Exception {
    Path raw = base.resolve("lake/raw");
    String pattern = "events_raw/json/name=*/d={yyyy}-{MM}-{dd}";
    put(raw, "events_raw/json/name=a/d=2023-11-01/part-0.json.gz", 100);
    put(raw, "events_raw/json/name=a/d=2023-11-01/sub/part-1.json.gz", 30);
    put(raw, "events_raw/json/name=a/d=2023-11-01/_SUCCESS", 5);
    put(raw, "events_raw/json/name=a/d=2023-11-01/.part-2.json.gz.crc", 7);
    put(raw, "events_raw/json/name=a/d=2023-11-01/_temporary/part-3.json.gz", 9);
    put(raw, "events_raw/json/name=b/d=2023-11-15/part-4.json.gz", 40);
    put(raw, "events_raw/json/name=b/d=2023-11-15/empty.json.gz", 0);
    put(raw, "events_raw/json/name=b/d=2023-11-16.old/part-5.json.gz", 11);
    put(raw, "events_raw/json/name=b/d=2023-12-01/part-6.json.gz", 13);
    put(raw, "events_raw/json/name=b/notes.txt", 3);

    try (S3TestServer s3 = S3TestServer.startFilesystem(base)) {
      RawInventory inventory =
          RawInventory.list(
              s3.client(), new RawLayout("events", new S3Location("lake", "raw"), pattern));
      for (String slice : List.of("2023-11", "2023-11-01", "2023-11-16", "2023-12")) {
        InputFiles.Listing job =
            InputFiles.list(
                new Configuration(), raw.toString(), pattern, Slice.parse(slice), false);
        assertEquals(
            new RawInventory.Totals(job.files().size(), job.totalBytes()),
            inventory.totals(slice),
            "slice " + slice + ": the job reads " + job.files());
        assertEquals(
            OptionalLong.of(job.totalBytes()),
            LocalInput.bytes(raw.toString(), "events", pattern, Optional.of(slice)),
            "slice " + slice + " read from the local folder");
      }
      InputFiles.Listing all =
          InputFiles.list(new Configuration(), raw.toString(), pattern, Slice.all(), false);
      assertEquals(
          OptionalLong.of(all.totalBytes()),
          LocalInput.bytes(raw.toString(), "events", pattern, Optional.empty()));
      assertEquals(
          OptionalLong.empty(),
          LocalInput.bytes("s3://lake/raw", "events", pattern, Optional.empty()),
          "an S3 input is not measured before the run");
    }
  }

  private static void put(Path root, String key, int bytes) throws Exception {
    Path file = root.resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }
}
