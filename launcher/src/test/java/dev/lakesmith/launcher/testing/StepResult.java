package dev.lakesmith.launcher.testing;

/**
 * Outcome of a {@link StepExecutor}. A failure becomes the step's {@code FailureDetails} ({@code
 * Reason}, {@code Message}; {@code LogFile} is added by the emulator).
 */
public record StepResult(boolean success, String reason, String message) {
  public static StepResult ok() {
    return new StepResult(true, null, null);
  }

  public static StepResult failed(String reason, String message) {
    return new StepResult(false, reason, message);
  }
}
