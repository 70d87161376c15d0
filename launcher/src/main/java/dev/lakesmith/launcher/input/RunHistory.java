package dev.lakesmith.launcher.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.launcher.stage.S3Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The job's run manifests ({@code <output>/_runs/<dataset>/*.json}): a backfill skips a slice whose
 * last successful run read exactly the files and bytes the slice has now.
 */
public final class RunHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one manifest says. */
  public record Run(String runId, String status, String slice, long files, long bytes) {
    public boolean succeeded() {
      return "SUCCEEDED".equals(status);
    }
  }

  private final List<Run> runs;

  private RunHistory(List<Run> runs) {
    this.runs = List.copyOf(runs);
  }

  public static RunHistory load(S3Client s3, String output, String dataset) {
    S3Location dir = S3Location.parse(output, "lakesmith.output").resolve("_runs/" + dataset);
    List<Run> runs = new ArrayList<>();
    for (S3Object o :
        s3.listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.prefix())).contents()) {
      if (!o.key().endsWith(".json") || o.key().substring(dir.prefix().length()).contains("/")) {
        continue;
      }
      try {
        JsonNode m =
            JSON.readTree(
                s3.getObjectAsBytes(b -> b.bucket(dir.bucket()).key(o.key())).asByteArray());
        runs.add(
            new Run(
                m.path("run_id").asText(),
                m.path("status").asText(),
                m.path("slice").asText(),
                m.path("inputs").path("files").asLong(-1),
                m.path("inputs").path("bytes").asLong(-1)));
      } catch (IOException e) {
        // an unreadable manifest proves nothing: the slice is simply not skipped
      }
    }
    return new RunHistory(runs);
  }

  public List<Run> runs() {
    return runs;
  }

  /** Whether a successful run of {@code slice} read exactly these inputs. */
  public boolean succeeded(String slice, RawInventory.Totals now) {
    return runs.stream()
        .anyMatch(
            r ->
                r.succeeded()
                    && r.slice().equals(slice)
                    && r.files() == now.files()
                    && r.bytes() == now.bytes());
  }
}
