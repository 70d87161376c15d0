package dev.lakesmith.jobs.catalog;

import dev.lakesmith.jobs.SessionSettings;
import dev.lakesmith.jobs.config.ConfigLoader;
import dev.lakesmith.jobs.config.DatasetConfig;
import dev.lakesmith.jobs.config.LakesmithConfig;
import dev.lakesmith.jobs.manifest.RunManifest;
import dev.lakesmith.jobs.write.TableLayout;
import java.io.PrintStream;
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
    SessionSettings.apply(spark, config.sparkSettings());
    String output = TableLayout.trim(options.output().orElse(config.output()));
    RunManifest manifest =
        ManifestLookup.find(
            spark.sparkContext().hadoopConfiguration(), output, dataset.name(), options.runId());
    CatalogRegistrar.Registration done =
        new CatalogRegistrar(spark, settings)
            .register(dataset.table(), dataset.partitionBy(), manifest);
    if (!done.tableExists()) {
      out.printf(
          "lakesmith: run %s wrote no partitions and table %s does not exist yet; nothing to"
              + " register%n",
          manifest.runId(), done.table());
      return done;
    }
    out.printf(
        "lakesmith: table %s%s at %s: %d partitions of run %s registered%s%n",
        done.table(),
        done.created() ? " created" : "",
        manifest.outputs().table(),
        done.partitions(),
        manifest.runId(),
        done.addedColumns().isEmpty() ? "" : ", columns added " + done.addedColumns().keySet());
    return done;
  }
}
