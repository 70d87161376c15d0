package dev.lakesmith.jobs.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes and reads run manifests as snake_case JSON. */
public final class ManifestWriter {
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private ManifestWriter() {}

  public static String path(String output, String dataset, String runId) {
    return output + "/_runs/" + dataset + "/" + runId + ".json";
  }

  public static void write(Configuration hadoop, String file, RunManifest manifest)
      throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoop);
    try (OutputStream out = fs.create(path, true)) {
      JSON.writeValue(out, manifest);
    }
  }
}
