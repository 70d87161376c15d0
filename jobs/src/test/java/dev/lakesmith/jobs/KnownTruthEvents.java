package dev.lakesmith.jobs;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A small events corpus whose correct curation is known row by row: two arrival months, both
 * framings, duplicates within a file, across files and across slices, DST gap and fold times in
 * America/New_York, distinct events sharing a payload_md5, and four kinds of bad records.
 */
final class KnownTruthEvents {
  static final String ACC1 = "{\"dvce_os\":\"ios\",\"account_id\":\"a-1\",\"session_id\":\"s-1\"}";
  static final String ACC2 =
      "{\"dvce_os\":\"android\",\"account_id\":\"a-2\",\"session_id\":\"s-2\"}";
  static final String ACC3 = "{\"dvce_os\":\"ios\",\"account_id\":\"a-3\",\"session_id\":\"s-3\"}";
  static final String ANON = "{\"dvce_os\":\"web\"}";
  static final String MEASURE = "{\"dvce_os\":\"ios\",\"measurement\":72,\"session_id\":\"s-1\"}";

  static final String R1 =
      EventsFixture.record("account_created", "2023-06-18 14:27:52.000000", ACC1);
  static final String R2 =
      EventsFixture.record("account_created", "2023-06-18 23:59:59.999999", ACC2);
  static final String R3 =
      EventsFixture.record("anonymous_visited", "2023-06-18 22:30:00.000000", ANON);
  static final String R4 =
      EventsFixture.record("anonymous_visited", "2023-06-18 22:45:00.000000", ANON);

  /** 02:30 does not exist on 2023-03-12 in New York: moved forward by the 1 h gap. */
  static final String GAP =
      EventsFixture.record("anonymous_visited", "2023-03-12 02:30:00.000000", ANON);

  /** 01:30 happens twice on 2023-11-05 in New York: the earlier offset (-04:00) wins. */
  static final String FOLD =
      EventsFixture.record("anonymous_visited", "2023-11-05 01:30:00.000000", ANON);

  static final String R7 =
      EventsFixture.record("measurement_recorded", "2023-06-20 08:00:00.5", MEASURE);
  static final String R8 =
      EventsFixture.record("measurement_recorded", "2023-06-20 08:00:01.000000", MEASURE);
  static final String R9 =
      EventsFixture.record("account_created", "2023-06-18 09:00:00.000000", ACC3);
  static final String R10 =
      EventsFixture.record("measurement_recorded", "2023-07-01 00:30:00.000000", MEASURE);

  static final String TRUNCATED = "{\"name\":\"anonymous_visited\",\"tstamp\":\"2023-06-18 22:";
  static final String IMPOSSIBLE =
      EventsFixture.record("anonymous_visited", "2023-02-30 25:61:00", ANON);
  static final String NO_NAME =
      "{\"tstamp\":\"2023-06-18 10:00:00.000000\",\"payload\":\"{}\",\"payload_md5\":\"x\"}";
  static final String GARBAGE = "this is not json";

  /** Expected rows per partition after slice 2023-06. */
  static final Map<String, Long> JUNE_PARTITIONS =
      Map.of(
          "account_created/2023-06-18", 1L,
          "account_created/2023-06-19", 1L,
          "anonymous_visited/2023-06-19", 2L,
          "anonymous_visited/2023-03-12", 1L,
          "anonymous_visited/2023-11-05", 1L,
          "measurement_recorded/2023-06-20", 2L);

  /** Every curated row after slice 2023-06 as name|UTC instant|d. */
  static final List<String> JUNE_ROWS =
      List.of(
          "account_created|2023-06-18T18:27:52Z|2023-06-18",
          "account_created|2023-06-19T03:59:59.999999Z|2023-06-19",
          "anonymous_visited|2023-03-12T07:30:00Z|2023-03-12",
          "anonymous_visited|2023-06-19T02:30:00Z|2023-06-19",
          "anonymous_visited|2023-06-19T02:45:00Z|2023-06-19",
          "anonymous_visited|2023-11-05T05:30:00Z|2023-11-05",
          "measurement_recorded|2023-06-20T12:00:00.500Z|2023-06-20",
          "measurement_recorded|2023-06-20T12:00:01Z|2023-06-20");

  private KnownTruthEvents() {}

  /** Arrival month 2023-06: 14 records = 4 bad + 2 duplicates + 8 distinct. */
  static void writeJune(EventsFixture raw) throws IOException {
    raw.file("account_created", "2023-06-18", "a1.gz", true, List.of(R1, R2));
    raw.file(
        "anonymous_visited",
        "2023-06-18",
        "b1.gz",
        false,
        List.of(R3, R4, GAP, FOLD, TRUNCATED, IMPOSSIBLE));
    raw.file("account_created", "2023-06-19", "c1.gz", false, List.of(R1, NO_NAME, GARBAGE));
    raw.file("measurement_recorded", "2023-06-20", "d1.gz", true, List.of(R7, R7, R8));
  }

  /** Arrival month 2023-07: a re-send of R2, a late R9 into an old partition, a new R10. */
  static void writeJuly(EventsFixture raw) throws IOException {
    raw.file("account_created", "2023-07-01", "e1.gz", false, List.of(R2, R9));
    raw.file("measurement_recorded", "2023-07-01", "f1.gz", true, List.of(R10));
  }
}
