package dev.lakesmith.jobs.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakesmith.jobs.manifest.ManifestWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The EMR cluster this JVM runs on, if any: named in the lease so an operator can find it. */
final class ClusterIdentity {
  private static final Path JOB_FLOW = Path.of("/mnt/var/lib/info/job-flow.json");

  private ClusterIdentity() {}

  static Optional<String> clusterId() {
    if (!Files.isRegularFile(JOB_FLOW)) {
      return Optional.empty();
    }
    try {
      JsonNode flow = ManifestWriter.JSON.readTree(JOB_FLOW.toFile());
      return Optional.ofNullable(flow.path("jobFlowId").asText(null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
