package dev.lakesmith.core;

/** A raw value that cannot become the declared type; its message is the quarantine reason. */
public final class BadValueException extends RuntimeException {
  public BadValueException(String reason) {
    super(reason, null, false, false);
  }
}
