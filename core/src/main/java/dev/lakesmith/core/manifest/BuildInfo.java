package dev.lakesmith.core.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Lakesmith build a manifest was written by: the project version and build time, filtered into
 * the jar by Maven, so two runs can be told apart by the code that made them.
 */
public final class BuildInfo {
  private static final String RESOURCE = "lakesmith/build.properties";

  private BuildInfo() {}

  /** e.g. {@code 0.1.0-SNAPSHOT (built 2026-12-02T10:00:00Z)}, or {@code unknown}. */
  public static String version() {
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties build = new Properties();
      build.load(in);
      return build.getProperty("version", "unknown")
          + " (built "
          + build.getProperty("built", "unknown")
          + ")";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
