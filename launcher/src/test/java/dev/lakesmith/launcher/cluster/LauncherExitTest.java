package dev.lakesmith.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.launcher.testing.EmrEmulator;
import dev.lakesmith.launcher.testing.S3TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher's exit codes and console as a user meets them: usage errors, sizes with units, the
 * documented table, and (in a JVM of its own, with the classpath lakesmith.jar bundles) an AWS
 * command's standard error holding nothing but the launcher's own lines.
 */
class LauncherExitTest {
  @TempDir Path tmp;

  private static EmrHarness.Result run(String... args) {
    return EmrHarness.capture(CommandLine.defaultFactory(), EmrHarness.withBuckets(args));
  }

  @Test
  void helpDocumentsTheExitCodes() {
    EmrHarness.Result r = run("--help");

    assertEquals(0, r.exit(), r.all());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Exit codes: 0 done"), r.out());
    assertTrue(help.contains(" 1 bad input"), r.out());
    assertTrue(help.contains(" 2 bad usage or configuration"), r.out());
    assertTrue(help.contains(" 3 internal or infrastructure failure"), r.out());
  }

  @Test
  void sizesTakeUnitsAndABadOneIsAUsageError() {
    EmrHarness.Result ok =
        run("plan", "--dataset", "events", "--slice", "2023-11", "--input-bytes", "900g");
    EmrHarness.Result bad =
        run("plan", "--dataset", "events", "--slice", "2023-11", "--input-bytes", "900x");
    EmrHarness.Result missing = run("plan", "--dataset", "events", "--input-bytes", "1g");

    assertEquals(0, ok.exit(), ok.all());
    assertTrue(
        ok.out().contains("lakesmith: input 966,367,641,600 bytes (--input-bytes)"), ok.out());
    assertEquals(2, bad.exit(), bad.all());
    assertTrue(
        bad.err().startsWith("Invalid value for option '--input-bytes': '900x' is not a size;"),
        bad.err());
    assertEquals(2, missing.exit(), missing.all());
  }

  @Test
  void anAwsCommandPrintsNoLoggingNoiseInItsOwnJvm() throws Exception {
    Path runtime = Path.of("target", "runtime-classpath.txt");
    String classpath =
        Path.of("target", "classes").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(runtime).trim();
    try (EmrHarness h = new EmrHarness(tmp, new EmrEmulator.Options(), "")) {
      h.putEventsFile("2023-11-02", "a.gz");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  classpath,
                  "dev.lakesmith.launcher.Lakesmith",
                  "plan",
                  "--dataset",
                  "events",
                  "--slice",
                  "2023-11",
                  "--conf-file",
                  h.confFile.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(tmp.resolve("out.txt").toFile())
              .redirectError(tmp.resolve("err.txt").toFile());
      builder.environment().put("AWS_ENDPOINT_URL_S3", h.s3.endpoint().toString());
      builder.environment().put("AWS_REGION", S3TestServer.REGION.id());
      builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
      builder.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
      builder.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
      Process process = builder.start();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "plan did not finish");
      String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
      String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);

      assertEquals(0, process.exitValue(), out + err);
      assertTrue(out.contains("lakesmith: input 15 bytes (listed s3://raw/"), out);
      assertEquals("", err);
    }
  }
}
