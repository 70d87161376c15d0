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
 */
public record IcebergCatalog(String name, String database) {
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
    return new IcebergCatalog(NAME, database);
  }

  public TableIdentifier identifier(String table) {
    return TableIdentifier.of(database, table);
  }

  /** The table's name in Spark SQL: {@code lakesmith.<database>.<table>}. */
  public String sparkName(String table) {
    return name + "." + database + "." + table;
  }

  public Catalog load(SparkSession spark) {
    return Spark3Util.loadIcebergCatalog(spark, name);
  }

  private static Optional<String> option(SparkSession spark, String key) {
    return spark.conf().contains(key) ? Optional.of(spark.conf().get(key)) : Optional.empty();
  }
}
