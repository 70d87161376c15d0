package dev.lakesmith.launcher.readme;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar launcher/target/lakesmith.jar ARGS} as a user runs it: a JVM of its own with the
 * classes and dependencies the jar bundles, in a working directory of the test's choosing (relative
 * paths in a README command resolve there), with extra environment (AWS endpoints of the
 * emulators).
 */
final class LauncherProcess {
  record Result(List<String> args, int exit, String out, String err) {
    String all() {
      return "lakesmith " + String.join(" ", args) + " -> exit " + exit + "\n" + out + err;
    }
  }

  private LauncherProcess() {}

  static Result run(Path workDir, Path logs, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    String classpath =
        Path.of("target", "classes").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "dev.lakesmith.launcher.Lakesmith"));
    command.addAll(args);
    Files.createDirectories(logs);
    Path out = Files.createTempFile(logs, "out", ".txt");
    Path err = Files.createTempFile(logs, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      // A bound only so that a hung child cannot hang the build; no timing is asserted.
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        throw new AssertionError("lakesmith " + args + " did not end");
      }
    } finally {
      process.destroyForcibly();
    }
    return new Result(
        args,
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
