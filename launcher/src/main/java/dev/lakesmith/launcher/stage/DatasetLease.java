package dev.lakesmith.launcher.stage;

import dev.lakesmith.core.layout.LeaseRecord;
import dev.lakesmith.core.layout.S3Location;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The job's dataset lease, read from the launcher: a cluster started while another run holds the
 * table would only wait for it (and be billed for waiting), so the launcher does not start one.
 */
public final class DatasetLease {
  private DatasetLease() {}

  /** The live holder of the dataset's table under {@code output}, if any. */
  public static Optional<LeaseRecord> liveHolder(
      S3Client s3, String output, String dataset, Instant now) {
    S3Location lease = S3Location.parse(LeaseRecord.path(output, dataset), "lakesmith.output");
    try {
      LeaseRecord record =
          LeaseRecord.parse(
              s3.getObjectAsBytes(b -> b.bucket(lease.bucket()).key(lease.key())).asByteArray());
      return record.expiredAt(now) ? Optional.empty() : Optional.of(record);
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A lease object that does not parse is no proof of a live writer; the job decides.
      return Optional.empty();
    }
  }
}
