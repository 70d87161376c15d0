package dev.lakesmith.launcher.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.ContentHash;
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

  /** The archive a first step with {@code key} wrote with {@code content}, as published. */
  private Path publish(String key, String content) throws Exception {
    ClassDataArchive first = ClassDataArchive.in(dir, key);
    Files.writeString(flagPath(first.jvmFlags(), "-XX:ArchiveClassesAtExit="), content);
    first.settle(true);
    return flagPath(first.jvmFlags(), "-XX:SharedArchiveFile=");
  }

  @Test
  void firstStepWritesTheArchiveLaterStepsMapItAndOlderBuildsAreRemoved() throws Exception {
    Path older = Files.writeString(dir.resolve("spark-0123456789abcdef.jsa"), "older build");
    Path olderHash = Files.writeString(dir.resolve("spark-0123456789abcdef.jsa.sha256"), "0");
    ClassDataArchive archive = ClassDataArchive.in(dir, "classpath-1");

    Path pending = flagPath(archive.jvmFlags(), "-XX:ArchiveClassesAtExit=");
    assertTrue(pending != null, "no archive yet: the step writes one");
    Files.writeString(pending, "archive");
    archive.settle(true);

    Path published = flagPath(archive.jvmFlags(), "-XX:SharedArchiveFile=");
    Path hash = published.resolveSibling(published.getFileName() + ".sha256");
    assertEquals(
        List.of(published, hash), files(), "pending renamed, older build's archive removed");
    assertEquals("archive", Files.readString(published));
    assertEquals(ContentHash.of("archive"), Files.readString(hash));
    assertFalse(Files.exists(older));
    assertFalse(Files.exists(olderHash));
  }

  @Test
  void anArchiveWhoseContentChangedIsNotMappedButWrittenAgain() throws Exception {
    Path published = publish("classpath-3", "archive");
    Files.writeString(published, "planted");

    ClassDataArchive next = ClassDataArchive.in(dir, "classpath-3");
    List<String> flags = next.jvmFlags();

    assertEquals(null, flagPath(flags, "-XX:SharedArchiveFile="), flags.toString());
    Path pending = flagPath(flags, "-XX:ArchiveClassesAtExit=");
    Files.writeString(pending, "rewritten");
    next.settle(true);
    assertEquals("rewritten", Files.readString(published));
    assertEquals(published, flagPath(next.jvmFlags(), "-XX:SharedArchiveFile="));
  }

  @Test
  void aVerifiedArchiveIsRecognisedByItsIdentityUntilAnythingTouchesIt() throws Exception {
    Path published = publish("classpath-4", "archive");
    Path hash = published.resolveSibling(published.getFileName() + ".sha256");
    // The next launcher hashes the archive once and records its identity beside it.
    assertEquals(
        published,
        flagPath(ClassDataArchive.in(dir, "classpath-4").jvmFlags(), "-XX:SharedArchiveFile="));
    assertTrue(Files.exists(published.resolveSibling(published.getFileName() + ".verified")));

    // Later launchers compare the identity only: a changed hash file is not even read ...
    Files.writeString(hash, "not consulted while the archive is untouched");
    assertEquals(
        published,
        flagPath(ClassDataArchive.in(dir, "classpath-4").jvmFlags(), "-XX:SharedArchiveFile="));

    // ... but any write to the archive, even of the same size, sends it back to the hash check.
    Files.writeString(published, "archivX");
    List<String> flags = ClassDataArchive.in(dir, "classpath-4").jvmFlags();
    assertEquals(null, flagPath(flags, "-XX:SharedArchiveFile="), flags.toString());
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
