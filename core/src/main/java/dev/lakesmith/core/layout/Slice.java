package dev.lakesmith.core.layout;

import dev.lakesmith.core.JobFailure;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Which arrival dates a run reads: a month ({@code 2023-06}), a day ({@code 2023-06-18}) or,
 * without {@code --slice}, every arrival date found. A date token left open matches digits only (a
 * {@code {dd}} of a month slice is {@code [0-9][0-9]}, not {@code *}), exactly as {@link RawLayout}
 * places keys: a folder {@code d=2023-11-16.old} belongs to no slice on either side.
 */
public record Slice(String label, String year, String month, String day) {

  public static Slice all() {
    return new Slice("all", digits(4), digits(2), digits(2));
  }

  public static Slice parse(String text) {
    try {
      if (text.length() == 7) {
        YearMonth month = YearMonth.parse(text);
        return new Slice(
            text, String.valueOf(month.getYear()), two(month.getMonthValue()), digits(2));
      }
      LocalDate day = LocalDate.parse(text);
      return new Slice(
          text, String.valueOf(day.getYear()), two(day.getMonthValue()), two(day.getDayOfMonth()));
    } catch (DateTimeParseException e) {
      throw JobFailure.config(
          "--slice '" + text + "' is not an arrival month or day; use e.g. 2023-06 or 2023-06-18");
    }
  }

  private static String digits(int count) {
    return "[0-9]".repeat(count);
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : String.valueOf(value);
  }

  public boolean isAll() {
    return label.equals("all");
  }

  /** The dataset's source path with the arrival-date tokens filled in. */
  public String fill(String pathPattern) {
    return pathPattern.replace("{yyyy}", year).replace("{MM}", month).replace("{dd}", day);
  }
}
