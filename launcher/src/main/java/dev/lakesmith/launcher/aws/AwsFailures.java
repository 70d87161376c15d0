package dev.lakesmith.launcher.aws;

import dev.lakesmith.core.JobFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS SDK failure means for the launcher's exit code: the request or the account set-up is
 * wrong (credentials, region, permissions, a missing bucket, a request EMR rejects: 2, fix the
 * configuration), or AWS did not answer (unreachable, throttled past every retry, a 5xx: 3, retry
 * later).
 */
public final class AwsFailures {
  private static final Set<String> AUTH_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidAccessKeyId",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "UnrecognizedClientException");

  private AwsFailures() {}

  public static int exitCode(SdkException e) {
    if (e instanceof AwsServiceException service) {
      boolean rejected =
          (service.statusCode() >= 400 && service.statusCode() < 500 && service.statusCode() != 429)
              || (service.awsErrorDetails() != null
                  && AUTH_CODES.contains(service.awsErrorDetails().errorCode()));
      return rejected && !service.isThrottlingException()
          ? JobFailure.BAD_USAGE
          : JobFailure.INTERNAL;
    }
    if (e instanceof SdkClientException && missingSetting(e.getMessage())) {
      return JobFailure.BAD_USAGE;
    }
    return JobFailure.INTERNAL;
  }

  /** The one line for an SDK failure nothing more specific caught, with its exit code. */
  public static JobFailure failure(SdkException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    int code = exitCode(e);
    return new JobFailure(
        code,
        "AWS request failed: "
            + message
            + (code == JobFailure.BAD_USAGE
                ? "; check the AWS credentials, region, permissions and the conf's S3 locations"
                : "; AWS did not answer in time, retry later"),
        e);
  }

  /** The first SDK failure in a chain, unless the launcher already explained it. */
  public static Throwable explain(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof JobFailure) {
        return error;
      }
      if (t instanceof SdkException sdk) {
        return failure(sdk);
      }
    }
    return error;
  }

  private static boolean missingSetting(String message) {
    return message != null
        && (message.startsWith("Unable to load credentials")
            || message.startsWith("Unable to load region"));
  }
}
