package dev.lakesmith.launcher.stage;

import dev.lakesmith.core.layout.S3Location;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Uploads content-addressed artifacts once: HeadObject first, PutObject only when absent. */
public final class ArtifactStager {
  private final S3Client s3;

  public ArtifactStager(S3Client s3) {
    this.s3 = s3;
  }

  /** Returns true when the artifact was uploaded, false when the same content was already there. */
  public boolean ensure(StagedArtifact artifact) {
    S3Location at = artifact.location();
    try {
      s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
      return false;
    } catch (NoSuchKeyException e) {
      // absent: upload below
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    s3.putObject(
        b ->
            b.bucket(at.bucket())
                .key(at.key())
                .metadata(java.util.Map.of("sha256", artifact.sha256())),
        RequestBody.fromBytes(artifact.content()));
    return true;
  }
}
