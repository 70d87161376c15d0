package dev.lakesmith.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.manifest.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The build a run manifest and {@code --version} name: the project version and the git commit the
 * jobs jar was built from (a real commit of this checkout), or {@code unknown} outside git.
 */
class BuildVersionTest {
  @Test
  void theCommitIsOneOfThisCheckoutsOrUnknownOutsideGit() throws Exception {
    String commit = BuildInfo.commit();
    Path root = Path.of("..").toAbsolutePath().normalize();
    if (Files.exists(root.resolve(".git")) && gitWorks(root)) {
      assertTrue(commit.matches("[0-9a-f]{7,}"), commit);
      Process exists =
          new ProcessBuilder("git", "cat-file", "-e", commit + "^{commit}")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(new File("/dev/null"))
              .start();
      assertTrue(exists.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, exists.exitValue(), commit + " is not a commit of " + root);
    } else {
      assertEquals("unknown", commit);
    }
  }

  @Test
  void versionPrintsTheProjectVersionAndCommit() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = Lakesmith.execute("--version");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8).strip();
    assertEquals(0, exit);
    assertEquals("lakesmith " + BuildInfo.version(), printed);
    assertTrue(
        printed.matches(
            "lakesmith \\d+\\.\\d+\\.\\d+\\S* \\("
                + java.util.regex.Pattern.quote(BuildInfo.commit())
                + ", built \\S+\\)"),
        printed);
  }

  private static boolean gitWorks(Path root) {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(new File("/dev/null"))
              .start();
      return git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
