package dev.lakesmith.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark needs on Java 17 (the list of org.apache.spark.launcher.JavaModuleOptions:
 * {@code --add-opens} for Kryo and friends), for every JVM this project starts with Spark in it.
 * Their one copy is the root pom's {@code spark.java17.flags}, which also starts the test JVMs; the
 * build writes it into this jar as {@value #RESOURCE}.
 */
public final class SparkJavaFlags {
  static final String RESOURCE = "lakesmith/spark-java17-flags.txt";

  private static final List<String> FLAGS = load();

  private SparkJavaFlags() {}

  public static List<String> list() {
    return FLAGS;
  }

  private static List<String> load() {
    try (InputStream in = SparkJavaFlags.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jobs jar; rebuild it");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!text.contains("--add-opens=java.base/java.lang=ALL-UNNAMED")) {
        throw new IllegalStateException(RESOURCE + " was not filled in by the build: " + text);
      }
      return Arrays.stream(text.split("\\s+")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
