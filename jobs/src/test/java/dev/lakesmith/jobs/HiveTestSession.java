package dev.lakesmith.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One Hive-enabled local[2] session with an embedded Derby metastore in a temp directory. Only
 * {@code *HiveTest} classes use it; they run in a JVM of their own (see jobs/pom.xml).
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
              .enableHiveSupport()
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
