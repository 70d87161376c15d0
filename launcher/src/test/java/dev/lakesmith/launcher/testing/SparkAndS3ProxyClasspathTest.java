package dev.lakesmith.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Spark (provided scope) and s3proxy (test scope) share the launcher's test classpath: Jetty 11
 * (s3proxy; Spark's is relocated), Jackson 2.20 (Spark 4.1.1's; s3proxy's XML module pinned to it,
 * as jackson-module-scala checks the version), Guava (Spark's), one SLF4J backend (log4j2). This
 * test runs both in one JVM, Spark UI included, and moves Spark output through the S3 server.
 */
class SparkAndS3ProxyClasspathTest {

  @Test
  void sparkAndS3ProxyRunInOneJvm(@TempDir Path tmp) throws Exception {
    try (S3TestServer s3 = S3TestServer.start().createBucket("lake")) {
      SparkSession spark =
          SparkSession.builder()
              .master("local[1]")
              .appName("classpath-check")
              .config("spark.ui.enabled", "true")
              .config("spark.ui.port", "0")
              .config("spark.sql.shuffle.partitions", "1")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.warehouse.dir", tmp.resolve("wh").toString())
              .getOrCreate();
      try {
        Path out = tmp.resolve("out");
        // JSON through Jackson (Spark side), Parquet write, a shuffle.
        List<String> json =
            spark
                .range(10)
                .selectExpr("id % 3 AS k", "id")
                .groupBy("k")
                .count()
                .orderBy("k")
                .toJSON()
                .collectAsList();
        assertEquals("{\"k\":0,\"count\":4}", json.get(0));
        spark.range(5).write().parquet(out.toString());

        S3Client c = s3.client();
        try (Stream<Path> files = Files.list(out)) {
          for (Path f :
              files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
            c.putObject(
                b -> b.bucket("lake").key("out/" + f.getFileName()), RequestBody.fromFile(f));
          }
        }
        Path back = Files.createDirectories(tmp.resolve("back"));
        for (var o : c.listObjectsV2(b -> b.bucket("lake").prefix("out/")).contents()) {
          c.getObject(b -> b.bucket("lake").key(o.key()), back.resolve(o.key().substring(4)));
        }
        List<Row> rows = spark.read().parquet(back.toString()).orderBy("id").collectAsList();
        assertEquals(5, rows.size());
        assertEquals(4L, rows.get(4).getLong(0));
        assertTrue(spark.sparkContext().uiWebUrl().isDefined());
      } finally {
        spark.stop();
      }
    }
  }
}
