package dev.lakesmith.launcher.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A size option's value: plain bytes ({@code 12345}) or a number with a unit in powers of 1024
 * ({@code 500m}, {@code 900g}, {@code 1.5t}; {@code k m g t p}, any case, an optional trailing
 * {@code b}), so sizes are typed as people say them. Fractions of a byte round to the nearest.
 */
public final class ByteSize implements CommandLine.ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)b?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "kmgtp";

  @Override
  public Long convert(String value) {
    return parse(value);
  }

  public static long parse(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw invalid(value);
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    BigDecimal multiplier =
        BigDecimal.valueOf(1024).pow(unit.isEmpty() ? 0 : UNITS.indexOf(unit) + 1);
    BigDecimal bytes =
        new BigDecimal(m.group(1)).multiply(multiplier).setScale(0, RoundingMode.HALF_UP);
    try {
      return bytes.longValueExact();
    } catch (ArithmeticException e) {
      throw invalid(value);
    }
  }

  private static CommandLine.TypeConversionException invalid(String value) {
    return new CommandLine.TypeConversionException(
        "'"
            + value
            + "' is not a size; use bytes (12345) or a number with k, m, g, t or p (powers of"
            + " 1024), e.g. 500m, 900g, 1.5t");
  }
}
