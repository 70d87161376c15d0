package dev.lakesmith.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "12345, 12345",
    "0, 0",
    "500m, 524288000",
    "900g, 966367641600",
    "900G, 966367641600",
    "900gb, 966367641600",
    "1.5t, 1649267441664",
    "2k, 2048",
    "1p, 1125899906842624",
    "1.0001k, 1024",
    "1.5, 2"
  })
  void acceptsBytesAndUnitsInPowersOf1024(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"900x", "-1", "", "g", "1,5t", "9000000p", "1e9"})
  void refusesAnythingElseNamingTheValueAndTheForms(String text) {
    CommandLine.TypeConversionException e =
        assertThrows(CommandLine.TypeConversionException.class, () -> ByteSize.parse(text));
    assertEquals(
        "'"
            + text
            + "' is not a size; use bytes (12345) or a number with k, m, g, t or p (powers of"
            + " 1024), e.g. 500m, 900g, 1.5t",
        e.getMessage());
  }
}
