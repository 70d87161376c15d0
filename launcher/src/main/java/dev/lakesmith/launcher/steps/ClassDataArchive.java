package dev.lakesmith.launcher.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A class-data sharing archive of the local Spark JVM's classes (JDK AppCDS): loading and verifying
 * Spark's classes is a large part of every local step's start-up. The first step with a given
 * classpath and JVM writes the archive when it exits; later steps map it. An archive that does not
 * match is ignored by the JVM, so at worst a step starts as it would without one.
 */
final class ClassDataArchive {
  private final Path archive;
  private final Path pending;

  private ClassDataArchive(Path archive) {
    this.archive = archive;
    this.pending =
        archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
  }

  /** The archive for this classpath and JVM under the user's temporary directory. */
  static ClassDataArchive forClasspath(String classpath, Path jobJar) {
    String key =
        String.join(
            "\n",
            classpath,
            jobJar.toString(),
            System.getProperty("java.home"),
            System.getProperty("java.vm.version"));
    return in(
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "lakesmith-" + System.getProperty("user.name"),
            "cds"),
        key);
  }

  static ClassDataArchive in(Path dir, String key) {
    return new ClassDataArchive(dir.resolve("spark-" + sha256(key).substring(0, 16) + ".jsa"));
  }

  /** JVM flags: use the archive if it exists, otherwise write it (to a private name) at exit. */
  List<String> jvmFlags() {
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      return List.of();
    }
    return List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** Publishes an archive written by a step that succeeded; discards it otherwise. */
  void settle(boolean succeeded) {
    try {
      if (succeeded && Files.isRegularFile(pending) && !Files.exists(archive)) {
        Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
        removeOlderArchives();
      }
      Files.deleteIfExists(pending);
    } catch (IOException e) {
      // an archive is an optimisation: without it the next step starts as this one did
    }
  }

  /** Archives of earlier builds (each ~160 MB) are not used again. */
  private void removeOlderArchives() throws IOException {
    try (DirectoryStream<Path> archives =
        Files.newDirectoryStream(archive.getParent(), "spark-*.jsa")) {
      for (Path other : archives) {
        if (!other.equals(archive)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
