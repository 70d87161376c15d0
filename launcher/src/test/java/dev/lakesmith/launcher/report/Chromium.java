package dev.lakesmith.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A headless Chromium from PATH that renders a page to a screenshot or to its loaded DOM. */
final class Chromium {
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome");
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The browser, or the test is skipped with a message saying how to get one. */
  static Chromium required() {
    Optional<Path> found = find();
    Assumptions.assumeTrue(
        found.isPresent(),
        "no chromium binary on PATH (tried "
            + NAMES
            + "); install one (Debian: apt-get install chromium) to check the HTML report in a"
            + " browser");
    return new Chromium(found.get());
  }

  private static Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  void screenshot(Path page, Path png) throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,1600");
  }

  String dumpDom(Path page) throws Exception {
    return run(page, "--dump-dom");
  }

  private String run(Path page, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu"));
    command.addAll(List.of(options));
    command.add(page.toAbsolutePath().toUri().toString());
    Path log = Files.createTempFile("chromium", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectError(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("chromium did not finish in 120 s: " + command);
      }
      assertEquals(0, process.exitValue(), () -> "chromium failed: " + read(log));
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
