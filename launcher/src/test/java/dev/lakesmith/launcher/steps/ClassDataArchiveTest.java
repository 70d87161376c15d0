package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
  @TempDir Path dir;

  private static Path flagPath(List<String> flags, String prefix) {
    String flag = flags.stream().filter(f -> f.startsWith(prefix)).findFirst().orElse(null);
    return flag == null ? null : Path.of(flag.substring(prefix.length()));
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void firstStepWritesTheArchiveLaterStepsMapItAndOlderBuildsAreRemoved() throws Exception {
    Path older = Files.writeString(dir.resolve("spark-0123456789abcdef.jsa"), "older build");
    ClassDataArchive archive = ClassDataArchive.in(dir, "classpath-1");

    Path pending = flagPath(archive.jvmFlags(), "-XX:ArchiveClassesAtExit=");
    assertTrue(pending != null, "no archive yet: the step writes one");
    Files.writeString(pending, "archive");
    archive.settle(true);

    Path published = flagPath(archive.jvmFlags(), "-XX:SharedArchiveFile=");
    assertEquals(List.of(published), files(), "pending renamed, older build's archive removed");
    assertEquals("archive", Files.readString(published));
    assertFalse(Files.exists(older));
  }

  @Test
  void anArchiveOfAFailedStepIsDiscarded() throws Exception {
    ClassDataArchive archive = ClassDataArchive.in(dir, "classpath-2");
    Files.writeString(flagPath(archive.jvmFlags(), "-XX:ArchiveClassesAtExit="), "partial");
    archive.settle(false);
    assertEquals(List.of(), files());
    assertEquals(null, flagPath(archive.jvmFlags(), "-XX:SharedArchiveFile="));
  }
}
