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
  private final Path stamp;
  private final Path pending;

  /** Null until checked. */
  private Boolean verified;

  private ClassDataArchive(Path archive) {
    this.archive = archive;
    this.hash = archive.resolveSibling(archive.getFileName() + ".sha256");
    this.stamp = archive.resolveSibling(archive.getFileName() + ".verified");
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

  /**
   * Whether the archive holds the bytes recorded at publication; checked once per launcher. Hashing
   * ~200 MB takes a few hundred milliseconds of every local run, so after a successful check the
   * file's identity (inode, change time, size) is recorded beside it and later runs compare that:
   * any write, replacement or permission change moves the change time, which no user can set back,
   * and the archive is then hashed again.
   */
  private boolean verified() {
    if (verified == null) {
      boolean ok;
      try {
        Optional<String> identity = identity(archive);
        if (identity.isPresent()
            && Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)
            && Files.readString(stamp, StandardCharsets.US_ASCII).equals(identity.get())) {
          ok = true;
        } else {
          ok =
              Files.isRegularFile(hash, LinkOption.NOFOLLOW_LINKS)
                  && LocalFiles.hashOf(archive)
                      .equals(
                          Optional.of(Files.readString(hash, StandardCharsets.US_ASCII).trim()));
          if (ok && identity.isPresent() && identity.equals(identity(archive))) {
            Files.writeString(stamp, identity.get(), StandardCharsets.US_ASCII);
          }
        }
      } catch (IOException e) {
        ok = false;
      }
      verified = ok;
    }
    return verified;
  }

  /** Inode, change time and size of a regular file, where the file system reports them. */
  static Optional<String> identity(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      java.util.Map<String, Object> attributes =
          Files.readAttributes(file, "unix:ino,ctime,size", LinkOption.NOFOLLOW_LINKS);
      return Optional.of(
          attributes.get("ino") + " " + attributes.get("ctime") + " " + attributes.get("size"));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Archives of earlier builds of this checkout (each ~160 MB) are not used again. */
  private void removeOlderArchives() throws IOException {
    try (DirectoryStream<Path> archives =
        Files.newDirectoryStream(archive.getParent(), "spark-*.{jsa,jsa.sha256,jsa.verified}")) {
      for (Path other : archives) {
        if (!other.equals(archive) && !other.equals(hash) && !other.equals(stamp)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }
}
