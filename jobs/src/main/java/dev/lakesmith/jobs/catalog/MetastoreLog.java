package dev.lakesmith.jobs.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * An embedded Derby metastore writes {@code derby.log} into the working directory; this moves it
 * next to the metastore database. Nothing happens with any other metastore (Glue on EMR).
 */
public final class MetastoreLog {
  private static final String URL_KEY = "spark.hadoop.javax.jdo.option.ConnectionURL";
  private static final Pattern DERBY_DIR =
      Pattern.compile("^jdbc:derby:;databaseName=([^;]+)/[^/;]+(;|$)");

  private MetastoreLog() {}

  public static void keepBesideDerby() {
    if (System.getProperty("derby.stream.error.file") != null) {
      return;
    }
    Matcher derby = DERBY_DIR.matcher(new SparkConf().get(URL_KEY, ""));
    if (!derby.find()) {
      return;
    }
    Path dir = Path.of(derby.group(1));
    try {
      Files.createDirectories(dir);
      System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
    } catch (IOException e) {
      // Derby then logs to the working directory, as it would without this class.
    }
  }
}
