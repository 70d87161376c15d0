package dev.lakesmith.launcher.report;

import java.util.Locale;

/** Counts in words for the commands' output and the report: {@code 1 run}, {@code 3,044 rows}. */
public final class Words {
  private Words() {}

  /** {@code n} with thousands separators and {@code noun}, plural unless one. */
  public static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
