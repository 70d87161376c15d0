package dev.lakesmith.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;

/**
 * One Hive-enabled local[2] session with an embedded Derby metastore in a temp directory. Only
 * {@code *HiveTest} classes use it; they run in a JVM of their own (see jobs/pom.xml). The session
 * lives as long as that JVM, so the metastore directory goes when the JVM ends, after Spark's own
 * shutdown hook has stopped the session (Spark deletes the directories registered with it last).
 */
public final class HiveTestSession {
  private static SparkSession session;

  private HiveTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("lakesmith-metastore");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ShutdownHookManager.registerShutdownDeleteDir(dir.toFile());
      System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("lakesmith-hive-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.driver.host", "127.0.0.1")
              .config(
                  "spark.hadoop.javax.jdo.option.ConnectionURL",
                  "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true")
              .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
              // Hive's scratch folders default to /tmp/hive and /tmp/<user>: keep them in dir.
              .config("spark.hadoop.hive.exec.scratchdir", dir.resolve("scratch").toString())
              .config(
                  "spark.hadoop.hive.exec.local.scratchdir",
                  dir.resolve("local-scratch").toString())
              .config(
                  "spark.hadoop.hive.downloaded.resources.dir", dir.resolve("resources").toString())
              .enableHiveSupport()
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
