package dev.lakesmith.core.progress;

import dev.lakesmith.core.JobFailure;
import java.util.Locale;

/**
 * Whether long stages draw a live bar: only when a person is watching a terminal. Logs, pipes, CI
 * and EMR step output get plain lines with no control characters. {@value #ENV} overrides the guess
 * ({@code bar}, {@code plain} or {@code auto}); the launcher sets it for the steps it starts, whose
 * output it forwards from a pipe.
 */
public enum ProgressMode {
  BAR,
  PLAIN;

  public static final String ENV = "LAKESMITH_PROGRESS";

  /** This process's mode: {@value #ENV} if set, else a bar on an interactive, capable terminal. */
  public static ProgressMode fromEnvironment() {
    return choose(System.getenv(ENV), System.console() != null, System.getenv("TERM"));
  }

  /**
   * @param setting {@code bar}, {@code plain}, {@code auto} or null (auto)
   * @param terminal whether standard input and output are a terminal
   * @param term the {@code TERM} variable; a {@code dumb} terminal gets plain lines
   */
  public static ProgressMode choose(String setting, boolean terminal, String term) {
    String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "auto" -> terminal && !"dumb".equals(term) ? BAR : PLAIN;
      case "bar" -> BAR;
      case "plain" -> PLAIN;
      default ->
          throw JobFailure.config(
              ENV + "=" + setting + " is not a progress mode; use auto, bar or plain");
    };
  }

  /** The value that gives a child process this mode. */
  public String envValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
