package dev.lakesmith.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.BadValueException;
import dev.lakesmith.core.config.ColumnSpec;
import dev.lakesmith.core.config.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampParserTest {
  private static TimestampParser parser(
      String zone, DstOverlap overlap, EpochUnit epoch, String... formats) {
    return new ColumnSpec(
            "ts",
            ColumnType.TIMESTAMP,
            true,
            List.of("ts"),
            List.of(formats),
            ZoneId.of(zone),
            epoch)
        .timestampParser(overlap);
  }

  private static final String NAIVE = "uuuu-MM-dd HH:mm:ss.SSSSSS";

  @Test
  void naiveTimesAreReadInTheConfiguredZone() {
    TimestampParser kolkata = parser("Asia/Kolkata", DstOverlap.EARLIER, null, NAIVE);
    assertEquals(
        Instant.parse("2025-07-15T11:40:33.123456Z"), kolkata.parse("2025-07-15 17:10:33.123456"));
    assertEquals(Instant.parse("2025-07-15T11:40:33Z"), kolkata.parse("2025-07-15 17:10:33"));
    assertEquals(Instant.parse("2025-07-15T11:40:33.5Z"), kolkata.parse("2025-07-15 17:10:33.5"));
  }

  @Test
  void gapMovesForwardByTheGapAndOverlapTakesTheConfiguredOffset() {
    TimestampParser earlier = parser("Europe/Berlin", DstOverlap.EARLIER, null, NAIVE);
    TimestampParser later = parser("Europe/Berlin", DstOverlap.LATER, null, NAIVE);
    // 2024-03-31 02:30 does not exist in Berlin: 03:30 CEST.
    assertEquals(Instant.parse("2024-03-31T01:30:00Z"), earlier.parse("2024-03-31 02:30:00"));
    // 2024-10-27 02:30 exists twice: +02:00 then +01:00.
    assertEquals(Instant.parse("2024-10-27T00:30:00Z"), earlier.parse("2024-10-27 02:30:00"));
    assertEquals(Instant.parse("2024-10-27T01:30:00Z"), later.parse("2024-10-27 02:30:00"));
  }

  @Test
  void explicitOffsetsAndZuluAreHonoured() {
    TimestampParser parser =
        parser(
            "America/New_York",
            DstOverlap.EARLIER,
            null,
            "uuuu-MM-dd HH:mm:ss Z",
            "uuuu-MM-dd'T'HH:mm:ss.SSS[XXX]");
    assertEquals(Instant.parse("2025-10-09T10:30:01Z"), parser.parse("2025-10-09 23:30:01 +1300"));
    assertEquals(Instant.parse("2025-10-09T10:30:01Z"), parser.parse("2025-10-09T10:30:01Z"));
    assertEquals(Instant.parse("2025-10-09T14:30:01Z"), parser.parse("2025-10-09T10:30:01"));
  }

  @Test
  void epochNumbersNeedAUnitAndHonourFractions() {
    TimestampParser millis = parser("UTC", DstOverlap.EARLIER, EpochUnit.MILLIS);
    assertEquals(Instant.parse("2023-06-18T18:27:52.123Z"), millis.parse(1687112872123L));
    assertEquals(Instant.parse("2023-06-18T18:27:52.123Z"), millis.parse("1687112872123"));
    TimestampParser seconds = parser("UTC", DstOverlap.EARLIER, EpochUnit.SECONDS);
    assertEquals(
        Instant.parse("2023-06-18T18:27:52.25Z"), seconds.parse(new BigDecimal("1687112872.25")));
    BadValueException noUnit =
        assertThrows(
            BadValueException.class,
            () -> parser("UTC", DstOverlap.EARLIER, null, NAIVE).parse(1687112872L));
    assertTrue(noUnit.getMessage().contains("set epoch-unit"));
  }

  @Test
  void impossibleDatesAreRejectedNotRolledOver() {
    TimestampParser parser =
        parser("UTC", DstOverlap.EARLIER, null, "uuuu-MM-dd HH:mm:ss[.SSSSSS]");
    for (String bad :
        List.of("2023-02-30 25:61:00", "2023-02-29 10:00:00", "2023-13-01 00:00:00", "yesterday")) {
      BadValueException e = assertThrows(BadValueException.class, () -> parser.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "' is not a valid timestamp"), e.getMessage());
    }
  }

  @Test
  void slashDatesWithoutZeroPaddingParse() {
    TimestampParser parser = parser("Asia/Kolkata", DstOverlap.EARLIER, null, "uuuu/M/d H:m:s");
    assertEquals(Instant.parse("2019-08-21T05:36:28Z"), parser.parse("2019/8/21 11:6:28"));
  }

  @Test
  void everyHalfHourAcrossYearsMatchesZonedDateTimeInZonesWithAndWithoutDst() {
    for (String zone :
        List.of(
            "America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "Asia/Kolkata", "UTC")) {
      for (DstOverlap overlap : DstOverlap.values()) {
        TimestampParser parser = parser(zone, overlap, null, NAIVE);
        java.time.LocalDateTime local = java.time.LocalDateTime.of(2019, 12, 30, 0, 15);
        while (local.getYear() < 2022) {
          java.time.ZonedDateTime zoned =
              java.time.ZonedDateTime.ofLocal(local, ZoneId.of(zone), null);
          Instant expected =
              (overlap == DstOverlap.LATER ? zoned.withLaterOffsetAtOverlap() : zoned).toInstant();
          String text = local.toString().replace('T', ' ') + ":00";
          assertEquals(expected, parser.parse(text), zone + " " + overlap + " " + text);
          local = local.plusMinutes(30);
        }
      }
    }
  }

  @Test
  void formatsMayAlternateFromValueToValue() {
    TimestampParser parser =
        parser("America/New_York", DstOverlap.EARLIER, null, NAIVE, "uuuu-MM-dd'T'HH:mm:ss[XXX]");
    for (int i = 0; i < 3; i++) {
      assertEquals(Instant.parse("2024-01-02T08:04:05Z"), parser.parse("2024-01-02 03:04:05"));
      assertEquals(Instant.parse("2024-01-02T03:04:05Z"), parser.parse("2024-01-02T03:04:05Z"));
      assertEquals(Instant.parse("2024-07-02T07:04:05Z"), parser.parse("2024-07-02T03:04:05"));
    }
    assertThrows(BadValueException.class, () -> parser.parse("2024-02-30 03:04:05"));
  }

  @Test
  void isoShapesReadCommonPatternsWithoutTheFormatter() {
    IsoShape naive = IsoShape.of("uuuu-MM-dd HH:mm:ss[.SSSSSS][.SSS]").orElseThrow();
    assertEquals(
        java.time.LocalDateTime.of(2023, 6, 18, 22, 57, 6, 120_000_000),
        naive.read("2023-06-18 22:57:06.12").local());
    IsoShape offset = IsoShape.of("uuuu-MM-dd'T'HH:mm:ss[.SSS][XXX]").orElseThrow();
    assertEquals(
        java.time.ZoneOffset.ofHoursMinutes(-5, -30),
        offset.read("2023-06-18T22:57:06-05:30").offset());
    assertEquals(null, naive.read("2023-02-29 10:00:00"));
    assertTrue(IsoShape.of("uuuu/M/d H:m:s").isEmpty());
    assertTrue(IsoShape.of("dd.MM.uuuu HH:mm").isEmpty());
  }

  /**
   * The fast path never decides differently from the pattern's formatter: random values of the
   * common shapes, valid and broken in every position, read the same either way (or fail both).
   */
  @Test
  void isoShapesAgreeWithTheFormatterOnRandomValues() {
    java.util.Random random = new java.util.Random(11);
    String[] chars = {
      "0", "1", "2", "3", "5", "9", "-", ":", " ", "T", "t", ".", "+", "Z", "z", ""
    };
    for (String pattern :
        List.of(
            "uuuu-MM-dd HH:mm:ss[.SSSSSS][.SSS]",
            "uuuu-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS][XXX]",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "uuuu-MM-dd HH:mm:ss")) {
      TimestampParser parser = parser("America/New_York", DstOverlap.EARLIER, null, pattern);
      java.time.format.DateTimeFormatter formatter = TimestampParser.formatter(pattern);
      int fast = 0;
      for (int i = 0; i < 20_000; i++) {
        String text =
            String.format(
                "%04d-%02d-%02d%s%02d:%02d:%02d",
                random.nextInt(2) == 0 ? 2000 + random.nextInt(40) : random.nextInt(10_000),
                random.nextInt(14),
                random.nextInt(33),
                random.nextInt(4) == 0 ? "T" : " ",
                random.nextInt(26),
                random.nextInt(62),
                random.nextInt(62));
        if (random.nextBoolean()) {
          text += "." + "123456789012".substring(0, random.nextInt(12));
        }
        switch (random.nextInt(5)) {
          case 0 -> text += "Z";
          case 1 ->
              text +=
                  String.format(
                      "%s%02d:%02d",
                      random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(61));
          default -> {}
        }
        if (random.nextInt(10) == 0) {
          int at = random.nextInt(text.length());
          text =
              text.substring(0, at) + chars[random.nextInt(chars.length)] + text.substring(at + 1);
        }
        Instant expected;
        try {
          java.time.temporal.TemporalAccessor parsed = formatter.parse(text.trim());
          expected =
              parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                  ? java.time.OffsetDateTime.from(parsed).toInstant()
                  : java.time.ZonedDateTime.ofLocal(
                          java.time.LocalDateTime.from(parsed), ZoneId.of("America/New_York"), null)
                      .toInstant();
        } catch (java.time.DateTimeException e) {
          expected = null;
        }
        Instant actual;
        try {
          actual = parser.parse(text);
        } catch (BadValueException e) {
          actual = null;
        }
        assertEquals(expected, actual, pattern + " on '" + text + "'");
        if (IsoShape.of(pattern).orElseThrow().read(text.trim()) != null) {
          fast++;
        }
      }
      assertTrue(fast > 500, pattern + ": the fast path read only " + fast + " values");
    }
  }
}
