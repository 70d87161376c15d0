package dev.lakesmith.launcher.steps;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalog of local runs: an embedded Derby metastore and its warehouse under {@code
 * lakesmith.local.metastore-dir}, handed to the register step as spark-submit settings (on EMR the
 * cluster's hive-site points Spark at Glue instead).
 */
public record LocalMetastore(Path dir) {
  public LocalMetastore {
    dir = dir.toAbsolutePath().normalize();
  }

  public static LocalMetastore from(Config config) {
    return new LocalMetastore(Path.of(config.getString("lakesmith.local.metastore-dir")));
  }

  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.catalogImplementation", "hive");
    conf.put(
        "spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
    conf.put("spark.sql.warehouse.dir", dir.resolve("warehouse").toString());
    // Hive's session folders default to /tmp (one per run, never removed): keep them here.
    conf.put("spark.hadoop.hive.exec.scratchdir", dir.resolve("scratch").toString());
    conf.put("spark.hadoop.hive.exec.local.scratchdir", dir.resolve("local-scratch").toString());
    conf.put("spark.hadoop.hive.downloaded.resources.dir", dir.resolve("resources").toString());
    return conf;
  }
}
