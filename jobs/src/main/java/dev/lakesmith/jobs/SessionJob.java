package dev.lakesmith.jobs;

import dev.lakesmith.jobs.catalog.MetastoreLog;
import dev.lakesmith.jobs.fs.NioLocalFileSystem;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A job entry point that works in one Spark session: its own, started and stopped around the step
 * when spark-submit runs it alone (on EMR), or one that {@link StepChainJob} shares between the
 * steps of a local run and stops itself. The entry points differ only in what they do inside it.
 */
public abstract class SessionJob implements Callable<Integer> {
  private static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";
  private SparkSession shared;

  /** This step runs in {@code spark}, which the caller stops. */
  final SessionJob sharing(SparkSession spark) {
    this.shared = spark;
    return this;
  }

  /** Spark's application name when the step runs alone. */
  abstract String appName();

  /** Whether the step works with the catalog, so its session needs Hive support. */
  boolean usesCatalog() {
    return false;
  }

  /** Checks made before Spark starts, so that a configuration mistake fails in a second. */
  void check() {}

  abstract void runIn(SparkSession spark);

  @Override
  public final Integer call() {
    check();
    if (shared != null) {
      runIn(shared);
      return 0;
    }
    SparkSession spark = session(appName(), usesCatalog());
    try {
      runIn(spark);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * A new session, with Hive support (and Derby's log beside a local metastore) if asked; in local
   * mode its {@code file:} paths go through {@link NioLocalFileSystem} unless spark-submit names
   * another implementation.
   */
  static SparkSession session(String appName, boolean catalog) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    SparkConf submitted = new SparkConf();
    if (submitted.get("spark.master", "").startsWith("local")
        && !submitted.contains(LOCAL_FILE_SYSTEM)) {
      builder.config(LOCAL_FILE_SYSTEM, NioLocalFileSystem.class.getName());
    }
    if (catalog) {
      MetastoreLog.keepBesideDerby();
      builder.enableHiveSupport();
    }
    return builder.getOrCreate();
  }
}
