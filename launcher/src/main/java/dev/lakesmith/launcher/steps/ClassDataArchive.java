package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A class-data sharing archive of the local Spark JVM's classes (JDK AppCDS): loading and verifying
 * Spark's classes is a large part of every local step's start-up. The first step with a given
 * classpath and JVM writes the archive when it exits; later steps map it. The JVM maps only an
 * archive whose SHA-256 matches the one recorded when it was published, and ignores one that does
 * not match its classpath, so at worst a step starts as it would without one.
 */
final class ClassDataArchive {
  private final Path archive;
  private final Path hash;
  private final Path pending;

  /** Null until checked. */
  private Boolean verified;

  private ClassDataArchive(Path archive) {
    this.archive = archive;
    this.hash = archive.resolveSibling(archive.getFileName() + ".sha256");
    this.pending =
        archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
  }

  /** The archive for this classpath and JVM in this build's private folder. */
  static ClassDataArchive forClasspath(String classpath, Path jobJar, LocalFiles files) {
    String key =
        String.join(
            "\n",
            classpath,
            jobJar.toString(),
            System.getProperty("java.home"),
            System.getProperty("java.vm.version"));
    return in(files.classDataDir(), key);
  }

  /** The archive of {@code key} in {@code dir}, a directory only this user can write. */
  static ClassDataArchive in(Path dir, String key) {
    return new ClassDataArchive(
        dir.resolve("spark-" + ContentHash.of(key).substring(0, 16) + ".jsa"));
  }

  /**
   * JVM flags: map the archive if it is verified, otherwise write it (to a private name) at exit.
   */
  List<String> jvmFlags() {
    if (verified()) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    return List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** Whether the next step writes the archive when it exits (the first one after a build). */
  boolean writesAtExit() {
    return !verified();
  }

  /** Publishes an archive written by a step that succeeded; discards it otherwise. */
  void settle(boolean succeeded) {
    try {
      if (succeeded && Files.isRegularFile(pending, LinkOption.NOFOLLOW_LINKS) && !verified()) {
        Files.writeString(hash, ContentHash.of(pending), StandardCharsets.US_ASCII);
        Files.move(
            pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        verified = true;
        removeOlderArchives();
      }
      Files.deleteIfExists(pending);
    } catch (IOException e) {
      // an archive is an optimisation: without it the next step starts as this one did
    }
  }

  /** Whether the archive holds the bytes recorded at publication; checked once per launcher. */
  private boolean verified() {
    if (verified == null) {
      boolean ok;
      try {
        ok =
            Files.isRegularFile(hash, LinkOption.NOFOLLOW_LINKS)
                && LocalFiles.hashOf(archive)
                    .equals(Optional.of(Files.readString(hash, StandardCharsets.US_ASCII).trim()));
      } catch (IOException e) {
        ok = false;
      }
      verified = ok;
    }
    return verified;
  }

  /** Archives of earlier builds of this checkout (each ~160 MB) are not used again. */
  private void removeOlderArchives() throws IOException {
    try (DirectoryStream<Path> archives =
        Files.newDirectoryStream(archive.getParent(), "spark-*.{jsa,jsa.sha256}")) {
      for (Path other : archives) {
        if (!other.equals(archive) && !other.equals(hash)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }
}
