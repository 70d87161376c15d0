package dev.lakesmith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the benchmark finds the jar it times, and what it says when it is not run from a jar. */
class JarsTest {
  @Test
  void theTimedLauncherJarIsTheOneTheSameBuildWrote() {
    assertEquals(
        Path.of("/repo/launcher/target/lakesmith.jar"),
        Jars.builtNextTo(Path.of("/repo/bench/target/lakesmith-bench.jar")));
  }

  @Test
  void outsideTheBuiltJarTheBenchmarkSaysHowToBuildIt() {
    // Tests run from target/classes, as an IDE would.
    JobFailure e = assertThrows(JobFailure.class, () -> Jars.locate(null));
    assertTrue(
        e.getMessage().contains("java -jar bench/target/lakesmith-bench.jar"), e.getMessage());
  }
}
