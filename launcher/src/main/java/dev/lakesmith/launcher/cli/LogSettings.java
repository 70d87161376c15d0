package dev.lakesmith.launcher.cli;

import dev.lakesmith.launcher.LogFormat;
import java.util.Map;

/**
 * The launcher's own log (the AWS SDK's, through SLF4J's simple backend, on standard error): quiet
 * by default (warnings and errors only), {@code --verbose} adds the SDK's informational lines; one
 * format with timestamp and level. A {@code -Dorg.slf4j.simpleLogger.*} given on the command line
 * wins. Set before the first logger exists, i.e. first thing in {@code main}.
 */
public final class LogSettings {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogSettings() {}

  public static void apply(boolean verbose) {
    properties(verbose)
        .forEach(
            (key, value) -> {
              if (System.getProperty(key) == null) {
                System.setProperty(key, value);
              }
            });
  }

  static Map<String, String> properties(boolean verbose) {
    return Map.of(
        PREFIX + "defaultLogLevel", verbose ? "info" : "warn",
        PREFIX + "showDateTime", "true",
        PREFIX + "dateTimeFormat", LogFormat.DATE,
        PREFIX + "showThreadName", "false",
        PREFIX + "showShortLogName", "true",
        PREFIX + "logFile", "System.err");
  }
}
