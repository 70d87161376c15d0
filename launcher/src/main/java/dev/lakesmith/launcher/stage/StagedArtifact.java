package dev.lakesmith.launcher.stage;

import dev.lakesmith.core.ContentHash;
import dev.lakesmith.core.layout.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the cluster needs (job jar, run conf), named by the SHA-256 of its content so that an
 * upload is skipped when the same bytes are already staged and a step always names exactly the
 * bytes it runs.
 */
public record StagedArtifact(String kind, S3Location location, String sha256, byte[] content) {

  /** The job jar under {@code <staging>/jars/jobs-<sha256>.jar}. */
  public static StagedArtifact jobJar(S3Location staging, Path jar) {
    try {
      return of("job jar", staging, "jars/jobs-", ".jar", Files.readAllBytes(jar));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job jar " + jar, e);
    }
  }

  /** Run configuration under {@code <staging>/conf/conf-<sha256>.conf}. */
  public static StagedArtifact conf(S3Location staging, String hocon) {
    return of("conf", staging, "conf/conf-", ".conf", hocon.getBytes(StandardCharsets.UTF_8));
  }

  private static StagedArtifact of(
      String kind, S3Location staging, String prefix, String suffix, byte[] content) {
    String sha = ContentHash.of(content);
    return new StagedArtifact(kind, staging.resolve(prefix + sha + suffix), sha, content);
  }

  public String uri() {
    return location.toString();
  }
}
