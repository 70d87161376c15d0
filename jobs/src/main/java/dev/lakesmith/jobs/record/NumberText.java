package dev.lakesmith.jobs.record;

import java.math.BigDecimal;

/**
 * A JSON number with a fraction or exponent, kept as written. Turning it into text never expands it
 * ({@code 1e999999999} stays 11 characters, where {@link BigDecimal#toPlainString()} would build a
 * billion digits), and it becomes a number only when a column asks for one.
 */
public final class NumberText extends Number {
  private final String literal;

  public NumberText(String literal) {
    this.literal = literal;
  }

  /** The exact value; cheap to build whatever the exponent (it stays in scientific form). */
  public BigDecimal decimal() {
    return new BigDecimal(literal);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(literal);
  }

  @Override
  public float floatValue() {
    return (float) doubleValue();
  }

  @Override
  public long longValue() {
    return (long) doubleValue();
  }

  @Override
  public int intValue() {
    return (int) doubleValue();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberText n && n.literal.equals(literal);
  }

  @Override
  public int hashCode() {
    return literal.hashCode();
  }

  @Override
  public String toString() {
    return literal;
  }
}
