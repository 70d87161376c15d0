package dev.lakesmith.jobs.validate;

import java.util.Locale;

/**
 * Why a record is quarantined. The kind is short and holds none of the record's values, so the run
 * manifest can count reasons by kind (one bad column over 10,000 rows is one line with its count,
 * not 10,000 lines); the detail names the offending value. The text stored with the record is
 * {@code kind: detail}, cut to {@link #MAX_CHARS} so no raw value reaches a quarantine row's reason
 * or the manifest at length.
 */
public record QuarantineReason(String kind, String detail) {
  public static final int MAX_CHARS = 200;
  private static final String SEPARATOR = ": ";
  private static final String CUT = "...";

  public QuarantineReason {
    if (kind == null || kind.isBlank() || kind.contains(SEPARATOR)) {
      throw new IllegalArgumentException(
          "reason kind '"
              + kind
              + "' must be non-empty text without '"
              + SEPARATOR
              + "'; values belong in the detail");
    }
    detail = detail == null ? "" : detail;
  }

  public static QuarantineReason of(String kind) {
    return new QuarantineReason(kind, "");
  }

  /** {@code kind: detail}, or the kind alone, at most {@link #MAX_CHARS} characters. */
  public String text() {
    return truncate(detail.isEmpty() ? kind : kind + SEPARATOR + detail);
  }

  /** The kind of a reason text: what precedes the first {@code ": "}, or all of it. */
  public static String kindOf(String text) {
    int end = text.indexOf(SEPARATOR);
    return end < 0 ? text : text.substring(0, end);
  }

  /** {@code text} on one line and at most {@link #MAX_CHARS} characters. */
  public static String truncate(String text) {
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - CUT.length()) + CUT;
  }

  /** A value quoted for a detail, cut so that it never dominates the reason. */
  public static String quote(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() <= 80 ? text : text.substring(0, 77) + CUT) + "'";
  }

  /** A byte count for people: {@code 16 MiB}, {@code 1,234 bytes}. */
  public static String bytes(long count) {
    if (count >= 1 << 20 && count % (1 << 20) == 0) {
      return (count >> 20) + " MiB";
    }
    if (count >= 1 << 10 && count % (1 << 10) == 0) {
      return (count >> 10) + " KiB";
    }
    return String.format(Locale.ROOT, "%,d bytes", count);
  }
}
