package dev.lakesmith.jobs.catalog;

import dev.lakesmith.core.config.CatalogSettings;
import dev.lakesmith.core.config.ConfigLoader;
import dev.lakesmith.core.config.DatasetConfig;
import dev.lakesmith.core.config.LakesmithConfig;
import dev.lakesmith.core.config.TableFormat;
import dev.lakesmith.core.invocation.RegisterOptions;
import dev.lakesmith.core.layout.OutputLayout;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.iceberg.IcebergCatalog;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The register step: the run's manifest in, the catalog brought up to date with it. */
public final class RegisterRun {
  private final SparkSession spark;
  private final PrintStream out;

  public RegisterRun(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  public CatalogRegistrar.Registration run(RegisterOptions options) {
    LakesmithConfig config = ConfigLoader.load(options.confFiles(), options.overrides());
    DatasetConfig dataset = config.dataset(options.dataset());
    CatalogSettings settings = CatalogSettings.from(config.source());
    if (dataset.tableFormat() == TableFormat.ICEBERG) {
      // Each commit already updates the Iceberg catalog (Glue on EMR, <output>/_iceberg locally).
      String table = IcebergCatalog.sparkName(settings.database(), dataset.table());
      out.println(
          "lakesmith: "
              + table
              + " is an Iceberg table: its Iceberg catalog is its catalog, nothing to register");
      return new CatalogRegistrar.Registration(table, false, Map.of(), 0, 0, List.of(), true);
    }
    SessionSettings.apply(spark, config.sparkSettings());
    String output = OutputLayout.trim(options.output().orElse(config.output()));
    RunManifest manifest =
        ManifestLookup.find(
            spark.sparkContext().hadoopConfiguration(), output, dataset.name(), options.runId());
    CatalogRegistrar.Registration done =
        new CatalogRegistrar(spark, settings)
            .register(dataset.table(), dataset.partitionBy(), manifest);
    out.println("lakesmith: " + describe(done, manifest));
    return done;
  }

  /** The one report line of a registration. */
  static String describe(CatalogRegistrar.Registration done, RunManifest manifest) {
    String missing =
        done.missing().isEmpty()
            ? ""
            : "; "
                + done.missing().size()
                + " partitions of the run are no longer on storage and were not registered: "
                + String.join(", ", done.missing());
    if (!done.tableExists()) {
      return "run "
          + manifest.runId()
          + " left no partitions on storage and table "
          + done.table()
          + " does not exist yet; nothing to register"
          + missing;
    }
    return "table "
        + done.table()
        + (done.created() ? " created" : " exists")
        + " at "
        + manifest.outputs().table()
        + ": "
        + done.partitions()
        + (done.created()
            ? " partitions added"
            : " partitions of run " + manifest.runId() + " added")
        + (done.created()
            ? ", of which " + done.recovered() + " recovered from the table's files"
            : " (already registered ones unchanged)")
        + (done.addedColumns().isEmpty() ? "" : ", columns added " + done.addedColumns().keySet())
        + missing;
  }
}
