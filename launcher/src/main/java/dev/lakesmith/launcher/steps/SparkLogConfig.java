package dev.lakesmith.launcher.steps;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The log4j2 configuration of a local step's Spark: Spark's own defaults (INFO, its noisy loggers
 * turned down) in the launcher's log format (ISO-8601 timestamp with zone, level, short logger
 * name), so the launcher's log, a step's Spark log and the driver's log on EMR ({@code
 * spark-log4j2} in conf/emr.conf) read alike. It goes to the step's standard error, which is the
 * step's log file (and the console too with {@code --verbose}).
 */
final class SparkLogConfig {
  static final String FILE_NAME = "spark-log4j2.properties";

  private static final List<String> LINES =
      List.of(
          "# Written by the lakesmith launcher for its local steps; rewritten on every run.",
          "rootLogger.level = info",
          "rootLogger.appenderRef.stderr.ref = console",
          "appender.console.type = Console",
          "appender.console.name = console",
          "appender.console.target = SYSTEM_ERR",
          "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = " + LogFormat.LOG4J2_PATTERN,
          "logger.jetty.name = org.sparkproject.jetty",
          "logger.jetty.level = warn",
          "logger.jetty2.name = org.sparkproject.jetty.util.component.AbstractLifeCycle",
          "logger.jetty2.level = error",
          "logger.metastore.name = org.apache.hadoop.hive.metastore.RetryingHMSHandler",
          "logger.metastore.level = fatal",
          "logger.hive_functionregistry.name = org.apache.hadoop.hive.ql.exec.FunctionRegistry",
          "logger.hive_functionregistry.level = error",
          "logger.parquet.name = org.apache.parquet.CorruptStatistics",
          "logger.parquet.level = error");

  private SparkLogConfig() {}

  /** Writes the configuration into {@code dir}; returns the JVM flag that selects it. */
  static String writeInto(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, ".spark-log4j2", ".properties");
      Files.write(partial, LINES, StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw JobFailure.internal(
          "cannot write the steps' log configuration " + file + ": " + e.getMessage(), e);
    }
    return "-Dlog4j2.configurationFile=" + file.toUri();
  }
}
