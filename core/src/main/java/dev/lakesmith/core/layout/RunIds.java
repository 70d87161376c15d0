package dev.lakesmith.core.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run ids: the start second in UTC and a random suffix ({@code 20231103T120000Z-3fa2c1}), so they
 * sort by time, name their manifest file, and two runs started in one second still differ. The
 * launcher makes them for EMR steps and local runs, the job when started on its own.
 */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  public static String next(Instant start) {
    return STAMP.format(start)
        + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
