package dev.lakesmith.core;

/**
 * A failure the user can act on: its message is the one line printed (what, which input, what to
 * do), and its exit code tells scripts whether the input (1) or the invocation/config (2) was bad,
 * or whether something outside the input broke (3: storage, AWS, a lease held by another run, a
 * bug), which a retry may fix.
 */
public final class JobFailure extends RuntimeException {
  public static final int BAD_INPUT = 1;
  public static final int BAD_USAGE = 2;
  public static final int INTERNAL = 3;

  private final int exitCode;

  public JobFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public JobFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static JobFailure config(String message) {
    return new JobFailure(BAD_USAGE, message);
  }

  public static JobFailure input(String message) {
    return new JobFailure(BAD_INPUT, message);
  }

  /** Storage, network, AWS, a held lease or a bug: not the user's input, and maybe transient. */
  public static JobFailure internal(String message) {
    return new JobFailure(INTERNAL, message);
  }

  public static JobFailure internal(String message, Throwable cause) {
    return new JobFailure(INTERNAL, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
