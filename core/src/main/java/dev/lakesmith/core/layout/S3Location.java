package dev.lakesmith.core.layout;

import dev.lakesmith.core.JobFailure;

/** An {@code s3://bucket/key} location; {@code key} has no leading or trailing slash. */
public record S3Location(String bucket, String key) {
  public S3Location {
    if (bucket == null || bucket.isBlank()) {
      throw JobFailure.config("S3 location without a bucket; use s3://bucket/prefix");
    }
    key = trim(key == null ? "" : key);
  }

  /** Parses {@code s3://bucket/key} (also {@code s3a://}); {@code what} names the setting. */
  public static S3Location parse(String uri, String what) {
    String rest;
    if (uri != null && uri.startsWith("s3://")) {
      rest = uri.substring(5);
    } else if (uri != null && uri.startsWith("s3a://")) {
      rest = uri.substring(6);
    } else {
      throw JobFailure.config(
          what + " '" + uri + "' is not an S3 URI; use e.g. s3://bucket/prefix");
    }
    int slash = rest.indexOf('/');
    return slash < 0
        ? new S3Location(rest, "")
        : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  public static boolean isS3(String uri) {
    return uri != null && (uri.startsWith("s3://") || uri.startsWith("s3a://"));
  }

  /** This location with {@code relative} appended as a key below it. */
  public S3Location resolve(String relative) {
    String r = trim(relative);
    return new S3Location(bucket, key.isEmpty() ? r : r.isEmpty() ? key : key + "/" + r);
  }

  /** The key as a listing prefix: empty, or ending with a slash. */
  public String prefix() {
    return key.isEmpty() ? "" : key + "/";
  }

  private static String trim(String k) {
    String t = k;
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (key.isEmpty() ? "" : "/" + key);
  }
}
