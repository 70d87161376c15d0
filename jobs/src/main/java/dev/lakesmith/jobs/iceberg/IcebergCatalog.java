package dev.lakesmith.jobs.iceberg;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.IcebergSparkSettings;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark catalog named {@code lakesmith} that holds every Iceberg dataset. When the cluster
 * already defines it (on EMR the launcher points it at the Glue Data Catalog) that definition is
 * used as is; otherwise the run defines an embedded Hadoop catalog whose warehouse is {@code
 * <output>/_iceberg}, so tables live at {@code <output>/_iceberg/<database>/<table>} beside, never
 * inside, the Parquet layout. Spark loads a catalog once per session on first use, and catalogs
 * need no session extensions, so defining it at run time works in a session that has started.
 *
 * <p>{@code atomicCommits}: whether two writers' commits can never overwrite each other, so runs
 * need no dataset lease. True for catalogs that swap metadata with a check (Glue, Hive, REST, JDBC)
 * and for the embedded Hadoop catalog on a local disk with {@link LocalCommitLock}; false for a
 * Hadoop catalog on S3, where the metadata swap is a non-atomic rename.
 */
public record IcebergCatalog(String name, String database, boolean atomicCommits) {
  public static final String NAME = IcebergSparkSettings.CATALOG;
  private static final String PREFIX = IcebergSparkSettings.PREFIX;

  /**
   * Defines the catalog on the session unless the cluster has, and returns it. The session becomes
   * the thread's active one: Spark looks catalogs up in the active session's settings.
   */
  public static IcebergCatalog configure(SparkSession spark, String output, String database) {
    SparkSession.setActiveSession(spark);
    String warehouse = IcebergSparkSettings.warehouse(output);
    Optional<String> defined = option(spark, PREFIX);
    if (defined.isEmpty()) {
      IcebergSparkSettings.hadoop(output).forEach(spark.conf()::set);
      if (isLocal(warehouse)) {
        spark.conf().set(PREFIX + "." + LocalCommitLock.PROPERTY, LocalCommitLock.class.getName());
      }
    } else if (option(spark, PREFIX + ".type").orElse("").equals("hadoop")
        && !option(spark, PREFIX + ".warehouse").orElse("").equals(warehouse)) {
      throw JobFailure.config(
          "this Spark session's Iceberg catalog '"
              + NAME
              + "' is a Hadoop catalog at "
              + option(spark, PREFIX + ".warehouse").orElse("?")
              + ", not at "
              + warehouse
              + "; one session curates into one output (drop "
              + PREFIX
              + " from the Spark settings, or use a new session)");
    }
    boolean hadoop = option(spark, PREFIX + ".type").orElse("").equals("hadoop");
    boolean locked =
        option(spark, PREFIX + "." + LocalCommitLock.PROPERTY)
            .orElse("")
            .equals(LocalCommitLock.class.getName());
    return new IcebergCatalog(NAME, database, !hadoop || locked);
  }

  private static boolean isLocal(String location) {
    String scheme = new org.apache.hadoop.fs.Path(location).toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  public TableIdentifier identifier(String table) {
    return TableIdentifier.of(database, table);
  }

  /** The table's name in Spark SQL: {@code lakesmith.<database>.<table>}. */
  public String sparkName(String table) {
    return sparkName(database, table);
  }

  /** The name of {@code database.table} in Spark SQL, through the {@code lakesmith} catalog. */
  public static String sparkName(String database, String table) {
    return NAME + "." + database + "." + table;
  }

  public Catalog load(SparkSession spark) {
    return Spark3Util.loadIcebergCatalog(spark, name);
  }

  private static Optional<String> option(SparkSession spark, String key) {
    return spark.conf().contains(key) ? Optional.of(spark.conf().get(key)) : Optional.empty();
  }
}
