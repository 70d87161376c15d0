package dev.lakesmith.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.launcher.aws.AwsFailures;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** AWS failures: the set-up is wrong (2) or AWS did not answer (3). */
class AwsFailuresTest {
  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  @Test
  void aRejectedRequestIsConfigurationAndAnUnansweredOneIsInfrastructure() {
    assertEquals(2, AwsFailures.exitCode(s3(403, "AccessDenied")));
    assertEquals(2, AwsFailures.exitCode(s3(404, "NoSuchBucket")));
    assertEquals(3, AwsFailures.exitCode(s3(503, "SlowDown")));
    assertEquals(3, AwsFailures.exitCode(s3(400, "ThrottlingException")));
    assertEquals(3, AwsFailures.exitCode(s3(429, "TooManyRequests")));
    assertEquals(
        3,
        AwsFailures.exitCode(
            SdkClientException.create("Unable to execute HTTP request: Connection refused")));
    assertEquals(
        2,
        AwsFailures.exitCode(
            SdkClientException.create("Unable to load credentials from any of the providers")));
  }

  @Test
  void onlyAnUnexplainedSdkFailureBecomesOneLine() {
    Throwable wrapped =
        new UncheckedIOException(
            "listing", new java.io.IOException(SdkClientException.create("Connection refused")));
    JobFailure explained = (JobFailure) AwsFailures.explain(wrapped);
    assertEquals(3, explained.exitCode());
    assertEquals(
        "AWS request failed: Connection refused; AWS did not answer in time, retry later",
        explained.getMessage());

    JobFailure own = JobFailure.config("bad conf");
    RuntimeException around = new RuntimeException(own);
    assertSame(around, AwsFailures.explain(around));
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, AwsFailures.explain(bug));
  }
}
