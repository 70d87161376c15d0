package dev.lakesmith.launcher.trigger;

/** One "object created" notification: which object arrived. */
public record ObjectEvent(String bucket, String key, long size) {
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
