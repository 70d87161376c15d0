package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.ContentHash;
import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where {@code local} keeps the files it runs: the job jar extracted from the launcher and the
 * class-data archive. They live in a {@link PrivateDirectory} under the user's cache ({@code
 * $XDG_CACHE_HOME/lakesmith}, else {@code ~/.cache/lakesmith}), never in a shared temporary
 * directory, in one folder per launcher build location so two checkouts never replace or delete
 * each other's files; and the job jar is checked against the SHA-256 of the bytes embedded in the
 * launcher before every run, so whatever else sits under its name is replaced, never executed.
 */
public final class LocalFiles {
  private final Path dir;

  private LocalFiles(Path dir) {
    this.dir = dir;
  }

  /** The folder of this launcher build under the user's cache. */
  public static LocalFiles forThisBuild() {
    return in(userCache(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")));
  }

  /** The folder of this launcher build under {@code base}, both private to this user. */
  static LocalFiles in(Path base) {
    PrivateDirectory.ensure(base);
    return new LocalFiles(PrivateDirectory.ensure(base.resolve("build-" + buildKey())));
  }

  static Path userCache(String xdgCacheHome, String userHome) {
    Path cache =
        xdgCacheHome != null && Path.of(xdgCacheHome).isAbsolute()
            ? Path.of(xdgCacheHome)
            : Path.of(userHome, ".cache");
    return cache.resolve("lakesmith");
  }

  Path dir() {
    return dir;
  }

  /** The job jar embedded in the launcher, as a file whose content was just verified. */
  public Path jobJar() {
    byte[] embedded;
    try (InputStream in = LocalSpark.resource(LocalSpark.JOB_JAR_RESOURCE)) {
      embedded = in.readAllBytes();
    } catch (IOException e) {
      throw JobFailure.internal("cannot read the job jar embedded in the launcher", e);
    }
    String hash = ContentHash.of(embedded);
    Path jar = dir.resolve("lakesmith-jobs-" + hash.substring(0, 16) + ".jar");
    try {
      if (!hash.equals(hashOf(jar).orElse(null))) {
        Path partial = Files.createTempFile(dir, ".lakesmith-jobs", ".jar");
        try (OutputStream out = Files.newOutputStream(partial)) {
          out.write(embedded);
        }
        Files.move(
            partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        removeOtherJars(jar);
      }
      if (!hash.equals(hashOf(jar).orElse(null))) {
        throw JobFailure.internal(
            "the job jar " + jar + " does not hold the launcher's bytes after writing it");
      }
    } catch (IOException e) {
      throw JobFailure.internal("cannot write the job jar to " + jar + ": " + e.getMessage(), e);
    }
    return jar;
  }

  /** Job jars of earlier builds at this location are not used again. */
  private void removeOtherJars(Path jar) throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "lakesmith-jobs-*.jar")) {
      for (Path other : jars) {
        if (!other.equals(jar)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }

  /** The private folder of the class-data archives of this build. */
  Path classDataDir() {
    return PrivateDirectory.ensure(dir.resolve("cds"));
  }

  /** The SHA-256 of a regular file (not a link), empty when there is none. */
  static Optional<String> hashOf(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(ContentHash.of(file));
  }

  /** Names this launcher build by where it was loaded from (a checkout's jar or classes). */
  private static String buildKey() {
    CodeSource source = LocalFiles.class.getProtectionDomain().getCodeSource();
    String location;
    try {
      location =
          source == null
              ? "unknown"
              : Path.of(source.getLocation().toURI()).toAbsolutePath().toString();
    } catch (URISyntaxException e) {
      location = source.getLocation().toString();
    }
    return ContentHash.of(location).substring(0, 16);
  }
}
