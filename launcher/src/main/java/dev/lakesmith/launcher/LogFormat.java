package dev.lakesmith.launcher;

/**
 * The one log format of the launcher (SLF4J's simple logger), of a local step's Spark log and of
 * the driver's log on EMR ({@code spark-log4j2} in conf/emr.conf): {@code 2026-01-02T03:04:05.678Z
 * WARN Name - message}.
 */
public final class LogFormat {
  /** ISO-8601 with milliseconds and the zone. */
  public static final String DATE = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  /** The same line as a log4j2 pattern (with the stack trace after the message). */
  public static final String LOG4J2_PATTERN = "%d{" + DATE + "} %p %c{1} - %m%n%ex";

  private LogFormat() {}
}
