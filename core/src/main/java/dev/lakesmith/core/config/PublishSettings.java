package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.lakesmith.core.JobFailure;
import java.time.Duration;

/**
 * The dataset lease that makes each table single-writer ({@code lakesmith.publish} in conf).
 *
 * @param leaseTtl how long a lease lives without renewal; a crashed holder blocks others this long
 * @param leaseWait how long a run waits for another run's lease before it gives up
 * @param leasePoll how often a waiting run looks at the lease again
 * @param stepDelay pause after each publish step: only for crash drills (0 in production)
 */
public record PublishSettings(
    Duration leaseTtl, Duration leaseWait, Duration leasePoll, Duration stepDelay) {

  public PublishSettings {
    if (leaseTtl.compareTo(Duration.ofSeconds(3)) < 0) {
      throw JobFailure.config(
          "lakesmith.publish.lease.ttl " + leaseTtl + " is too short; use at least 3s (e.g. 5m)");
    }
    if (leaseWait.isNegative() || leasePoll.isNegative() || leasePoll.isZero()) {
      throw JobFailure.config(
          "lakesmith.publish.lease.wait ("
              + leaseWait
              + ") must be >= 0 and lakesmith.publish.lease.poll ("
              + leasePoll
              + ") > 0");
    }
    if (stepDelay.isNegative()) {
      throw JobFailure.config("lakesmith.publish.step-delay " + stepDelay + " must be >= 0");
    }
  }

  /** How often the holder renews: three renewals fit in one lifetime. */
  public Duration renewEvery() {
    return leaseTtl.dividedBy(3);
  }

  public static PublishSettings from(Config config) {
    try {
      Config publish = config.getConfig("lakesmith.publish");
      return new PublishSettings(
          publish.getDuration("lease.ttl"),
          publish.getDuration("lease.wait"),
          publish.getDuration("lease.poll"),
          publish.getDuration("step-delay"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error: " + e.getMessage());
    }
  }
}
