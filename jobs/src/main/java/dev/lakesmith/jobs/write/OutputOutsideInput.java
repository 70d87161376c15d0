package dev.lakesmith.jobs.write;

import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Refuses an output inside the input or the reverse: the next listing would read curated files,
 * manifests and quarantine as raw input, or a slice's raw files would sit inside the table.
 */
public final class OutputOutsideInput {
  private OutputOutsideInput() {}

  public static void check(Configuration hadoop, String input, String output) {
    String in = qualified(hadoop, input);
    String out = qualified(hadoop, output);
    if (within(out, in) || within(in, out)) {
      throw JobFailure.config(
          "output "
              + output
              + " and input "
              + input
              + " overlap; curated output must live outside the raw input (and the reverse):"
              + " choose another --output");
    }
  }

  private static boolean within(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }

  private static String qualified(Configuration hadoop, String uri) {
    try {
      Path path = new Path(uri);
      String qualified = path.getFileSystem(hadoop).makeQualified(path).toString();
      return qualified.endsWith("/") ? qualified.substring(0, qualified.length() - 1) : qualified;
    } catch (IOException e) {
      throw JobFailure.internal("cannot resolve " + uri + ": " + e.getMessage(), e);
    }
  }
}
