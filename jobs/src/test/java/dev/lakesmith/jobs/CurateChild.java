package dev.lakesmith.jobs;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A curate run in a JVM of its own, for crash tests that kill it with a real SIGKILL: this test
 * JVM's module flags and classpath, one local core, its output in a log file. Its temporary folder
 * is the log's folder (the test's own), since a killed JVM cannot remove Spark's scratch folders
 * and native libraries itself.
 */
final class CurateChild {
  private CurateChild() {}

  /**
   * A lenient events run of {@code slice} from the late-slice raw tree into {@code out} as {@code
   * runId}, with the given settings, logging to {@code <runId>.log} in {@code logs}.
   */
  static Process events(
      Path logs, LateSliceRuns raw, Path out, String slice, String runId, String... conf)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dataset",
                "events",
                "--input",
                raw.raw.root().toString(),
                "--output",
                out.toString(),
                "--slice",
                slice,
                "--run-id",
                runId,
                "--conf",
                LateSliceRuns.LENIENT));
    for (String setting : conf) {
      args.addAll(List.of("--conf", setting));
    }
    return start(logs.resolve(runId + ".log"), args);
  }

  static Process start(Path log, List<String> jobArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-")
          || flag.startsWith("-XX:+Ignore")
          || flag.startsWith("-Dio.")
          || flag.startsWith("-Djdk.")) {
        command.add(flag);
      }
    }
    command.addAll(
        List.of(
            "-Xmx1g",
            "-Djava.io.tmpdir=" + log.toAbsolutePath().getParent(),
            "-Dspark.master=local[1]",
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            CurateJob.class.getName()));
    command.addAll(jobArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
