package dev.lakesmith.core.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Lakesmith build a manifest was written by: the project version, the git commit and the build
 * time, filtered into the jar by Maven, so two runs can be told apart by the code that made them. A
 * build outside a git checkout (a source tarball) records the commit as {@code unknown}.
 */
public final class BuildInfo {
  private static final String RESOURCE = "lakesmith/build.properties";
  private static final String UNKNOWN = "unknown";

  private BuildInfo() {}

  /** e.g. {@code 0.1.0-SNAPSHOT (abc1234, built 2026-12-02T10:00:00Z)}, or {@code unknown}. */
  public static String version() {
    Properties build = load();
    if (build == null) {
      return UNKNOWN;
    }
    return build.getProperty("version", UNKNOWN)
        + " ("
        + commit(build)
        + ", built "
        + build.getProperty("built", UNKNOWN)
        + ")";
  }

  /** The abbreviated git commit the build came from, or {@code unknown}. */
  public static String commit() {
    Properties build = load();
    return build == null ? UNKNOWN : commit(build);
  }

  private static String commit(Properties build) {
    String commit = build.getProperty("commit", UNKNOWN);
    return commit.isBlank() || commit.startsWith("${") ? UNKNOWN : commit;
  }

  private static Properties load() {
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      Properties build = new Properties();
      build.load(in);
      return build;
    } catch (IOException e) {
      return null;
    }
  }
}
