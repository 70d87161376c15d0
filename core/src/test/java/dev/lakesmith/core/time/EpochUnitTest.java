package dev.lakesmith.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EpochUnitTest {
  @Test
  @Timeout(5)
  void hugeExponentsAreOutOfRangeWithoutExactArithmetic() {
    for (String value : new String[] {"1e100000000", "1e999999999", "-1e100000000"}) {
      assertThrows(
          ArithmeticException.class, () -> EpochUnit.MILLIS.toInstant(new BigDecimal(value)));
    }
    assertEquals(Instant.EPOCH, EpochUnit.SECONDS.toInstant(new BigDecimal("1.5e-100000000")));
  }

  @Test
  void ordinaryValuesAreUnchanged() {
    assertEquals(
        Instant.ofEpochMilli(1566365788000L).plus(Duration.ofNanos(500_000)),
        EpochUnit.MILLIS.toInstant(new BigDecimal("1566365788000.5")));
    assertEquals(Instant.ofEpochSecond(-1), EpochUnit.SECONDS.toInstant(new BigDecimal("-1")));
  }
}
