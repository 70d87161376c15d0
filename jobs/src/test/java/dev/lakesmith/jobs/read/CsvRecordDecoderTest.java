package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Hospital CSV exports as spreadsheets write them: each row is a record or a quarantine row. */
class CsvRecordDecoderTest {
  private static final int MAX_FIELD = 1024;

  private static List<String> decode(String csv, String... fields) throws IOException {
    return decode(csv.getBytes(StandardCharsets.UTF_8), fields);
  }

  private static List<String> decode(byte[] csv, String... fields) throws IOException {
    return decode(decoder(), csv, fields);
  }

  private static List<String> decode(CsvRecordDecoder decoder, byte[] csv, String... fields)
      throws IOException {
    List<String> out = new ArrayList<>();
    decoder
        .decode(new ByteArrayInputStream(csv), "f.csv")
        .forEachRemaining(d -> out.add(describe(d, fields)));
    return out;
  }

  /** The fields the hospital dataset's columns read. */
  private static final List<String> COLUMNS =
      List.of("PatientID", "PatientBirthDate", "TestDate", "TestTime", "ReportedAt", "Clock");

  private static CsvRecordDecoder decoder() {
    return decoder("UTF-8");
  }

  private static CsvRecordDecoder decoder(String encoding) {
    return new CsvRecordDecoder(
        ',', '"', List.of("PatientID", "TestDate"), COLUMNS, encoding, MAX_FIELD);
  }

  private static String describe(Decoded d, String... fields) {
    if (d instanceof Decoded.Ok ok) {
      List<String> values = new ArrayList<>();
      for (String field : fields) {
        values.add(field + "=" + ok.record().value(List.of(field)));
      }
      return d.index() + " ok " + String.join(" ", values) + " " + ok.record().fieldNames();
    }
    return d.index() + " bad " + ((Decoded.Bad) d).reason();
  }

  /** {@code header} and rows {@code 1..n} of {@code Clock,a,b}, row {@code i} as {@code i,i,i}. */
  private static List<String> rows(int n) {
    List<String> lines = new ArrayList<>(List.of("Clock,a,b"));
    for (int i = 1; i <= n; i++) {
      lines.add(i + "," + i + "," + i);
    }
    return lines;
  }

  private static String ok(int index, int clock) {
    return index + " ok Clock=" + clock + " [Clock, a, b]";
  }

  @Test
  void unlistedPreambleKeysAreKeptAndTrailingEmptyHeaderCellsIgnored() throws IOException {
    String csv =
        "PatientID,P1,,,\r\n"
            + "Ward,ICU-3,,,\r\n"
            + ",,,,\r\n"
            + "TestDate,2019/8/3\r\n"
            + "Clock,WBC ch1,Hb ch1,,\r\n"
            + "100,4.5,12,,\r\n"
            + "200,<0.01,13\r\n"
            + "300,5.1,14,,x\r\n"
            + "400\r\n"
            + "500,5.2,15,,,\r\n";
    assertEquals(
        List.of(
            "0 ok PatientID=P1 Ward=ICU-3 TestDate=2019/8/3 Clock=100 WBC ch1=4.5"
                + " [Clock, WBC ch1, Hb ch1]",
            "1 ok PatientID=P1 Ward=ICU-3 TestDate=2019/8/3 Clock=200 WBC ch1=<0.01"
                + " [Clock, WBC ch1, Hb ch1]",
            "2 bad CSV row has a value under an empty header cell: line 8, field 5: 'x'",
            "3 bad CSV row has 1 fields, the header has 5 (cut short?): line 9",
            "4 bad CSV row has 6 fields, the header has 5 (unquoted delimiter?): line 10"),
        decode(csv, "PatientID", "Ward", "TestDate", "Clock", "WBC ch1"));
  }

  @Test
  void aByteOrderMarkAndAnyLineEndAreReadAndValuesKeptAsWritten() throws IOException {
    String csv = "\uFEFFPatientID,P1\r\nClock,a,b\n1, x ,#\r2,\"\",\r\n# 3,\"q\"\"uote\",b\r\n";
    assertEquals(
        List.of(
            "0 ok PatientID=P1 Clock=1 a= x  b=# [Clock, a, b]",
            "1 ok PatientID=P1 Clock=2 a= b= [Clock, a, b]",
            "2 ok PatientID=P1 Clock=# 3 a=q\"uote b=b [Clock, a, b]"),
        decode(csv, "PatientID", "Clock", "a", "b"));
  }

  @Test
  void aQuotedFieldMayHoldLineBreaksAndLaterLinesKeepTheirNumbers() throws IOException {
    String csv = "Clock,a,b\n1,\"first\nsecond\r\nthird\",x\n2,2\n3,\"\"\"\n\"\"\",y\n4,4,4,4\n";
    List<String> decoded = decode(csv, "Clock", "a");
    assertEquals(
        List.of(
            "0 ok Clock=1 a=first\nsecond\nthird [Clock, a, b]",
            "1 bad CSV row has 2 fields, the header has 3 (cut short?): line 5",
            "2 ok Clock=3 a=\"\n\" [Clock, a, b]",
            "3 bad CSV row has 4 fields, the header has 3 (unquoted delimiter?): line 8"),
        decoded);
  }

  @Test
  void anUnclosedQuoteQuarantinesItsLineAndTheRowsAfterItAreRead() throws IOException {
    List<String> lines = rows(10);
    lines.set(3, "3,\"3,3");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      expected.add(
          i == 3
              ? "2 bad CSV quote not closed: the quote opened on line 4 runs to the end of the"
                  + " file; reading resumed at line 5"
              : ok(i - 1, i));
    }
    assertEquals(expected, decode(String.join("\n", lines) + "\n", "Clock"));
    List<String> raw = new ArrayList<>();
    decoder()
        .decode(
            new ByteArrayInputStream(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8)),
            "f.csv")
        .forEachRemaining(
            d ->
                raw.add(
                    d instanceof Decoded.Ok ok
                        ? ok.record().rawText()
                        : ((Decoded.Bad) d).rawText()));
    assertEquals(lines.subList(1, lines.size()), raw);
  }

  @Test
  void anUnclosedQuoteThatAStrayQuoteClosesIsCaughtByTheHeader() throws IOException {
    List<String> lines = rows(10);
    lines.set(3, "3,\"3,3");
    lines.set(7, "7,7,7\"");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      expected.add(
          i == 3
              ? "2 bad CSV quote not closed: the record on line 4 runs over 5 lines and does not"
                  + " fit the header (CSV row has 2 fields, the header has 3 (cut short?));"
                  + " reading resumed at line 5"
              : ok(i - 1, i));
    }
    assertEquals(expected, decode(String.join("\n", lines) + "\n", "Clock"));
  }

  @Test
  void aQuoteInsideAQuotedFieldThatIsNotDoubledQuarantinesItsRow() throws IOException {
    List<String> lines = rows(4);
    lines.set(2, "2,\"a\"b,2");
    assertEquals(
        List.of(
            ok(0, 1),
            "1 bad CSV quote not closed: a quoted field of the record on line 3 has a quote that is"
                + " neither doubled nor followed by a delimiter; reading resumed at line 4",
            ok(2, 3),
            ok(3, 4)),
        decode(String.join("\n", lines), "Clock"));
  }

  @Test
  void aFieldOverTheLimitQuarantinesItsRowAndTheRestIsRead() throws IOException {
    List<String> lines = rows(10);
    lines.set(3, "3," + "x".repeat(MAX_FIELD * 200) + ",3");
    lines.set(6, "6,\"" + "y".repeat(MAX_FIELD + 1) + "\",6");
    lines.set(8, "8,8," + "z".repeat(MAX_FIELD));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      expected.add(
          i == 3 || i == 6
              ? (i - 1)
                  + " bad CSV field too long: a field of the record on line "
                  + (i + 1)
                  + " is over 1,024 characters (lakesmith.read.max-csv-field-chars); reading"
                  + " resumed at line "
                  + (i + 2)
              : ok(i - 1, i));
    }
    assertEquals(expected, decode(String.join("\n", lines) + "\n", "Clock"));
  }

  @Test
  void aRowWiderThanAnySheetIsQuarantinedAndTheRestIsRead() throws IOException {
    List<String> lines = rows(3);
    String[] wide = new String[CsvRecordReader.MAX_FIELDS + 1];
    Arrays.fill(wide, "w");
    lines.set(2, String.join(",", wide));
    assertEquals(
        List.of(
            ok(0, 1),
            "1 bad CSV record unreadable: the record on line 3 has over 16,384 fields; reading"
                + " resumed at line 4",
            ok(2, 3)),
        decode(String.join("\n", lines), "Clock"));
  }

  @Test
  void anUnreadableHeaderQuarantinesEveryRow() throws IOException {
    List<String> lines = rows(3);
    lines.set(0, "Clock,\"a,b");
    List<String> decoded = decode(String.join("\n", lines), "Clock");
    assertEquals(3, decoded.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(
          i
              + " bad CSV header unreadable: line 1 of f.csv (CSV quote not closed: the quote"
              + " opened on line 1 runs to the end of the file; reading resumed at line 2)",
          decoded.get(i));
    }
  }

  @Test
  void aHeaderRepeatingANameQuarantinesEachRow() throws IOException {
    assertEquals(
        List.of(
            "0 bad CSV header repeats a column: 'a' in f.csv; its rows cannot be read"
                + " unambiguously",
            "1 bad CSV header repeats a column: 'a' in f.csv; its rows cannot be read"
                + " unambiguously"),
        decode("a,b,a\n1,2,3\n4,5,6\n"));
  }

  @Test
  void aFileThatBreaksOffKeepsItsRecordsAndThrowsTheReadError() throws IOException {
    StringBuilder csv = new StringBuilder("Clock,a,b\n");
    for (int i = 1; i <= 20_000; i++) {
      csv.append(i).append(',').append(i * 7).append(",x\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
    Iterator<Decoded> records =
        decoder().decode(new GZIPInputStream(new ByteArrayInputStream(cut)), "f.csv.gz");
    long read = 0;
    UncheckedIOException broke = null;
    try {
      while (records.hasNext()) {
        assertEquals(ok((int) read, (int) read + 1), describe(records.next(), "Clock"));
        read++;
      }
    } catch (UncheckedIOException e) {
      broke = e;
    }
    assertInstanceOf(EOFException.class, broke == null ? null : broke.getCause());
    assertTrue(read > 1000 && read < 20_000, "records before the break: " + read);
  }

  @Test
  void aFileWithoutAHeaderIsOneQuarantineRow() throws IOException {
    assertEquals(List.of("0 bad CSV file f.csv has no header row"), decode("PatientID,P1\n\n,,\n"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CsvRecordDecoder(',', '"', List.of(), List.of(), "UTF-8", 0));
  }

  @Test
  void bytesThatAreNoTextInTheEncodingQuarantineTheirRowInsteadOfBecomingAnotherKey()
      throws IOException {
    byte[] latin1 =
        "PatientID,P\u00e41\nClock,id,b\n1,P\u00fc1,x\n2,P\u00f61,y\n3,plain,z\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    List<String> asUtf8 = decode(decoder("UTF-8"), latin1, "id");
    assertEquals(3, asUtf8.size(), asUtf8.toString());
    for (String row : asUtf8) {
      assertTrue(row.contains(" bad CSV header or preamble is not valid UTF-8"), row);
      assertTrue(row.contains("source.options.encoding"), row);
    }

    byte[] rowsOnly = Arrays.copyOfRange(latin1, "PatientID,P\u00e41\n".length(), latin1.length);
    List<String> rows = decode(decoder("UTF-8"), rowsOnly, "id");
    assertTrue(rows.get(0).startsWith("0 bad CSV row is not valid UTF-8"), rows.get(0));
    assertTrue(rows.get(0).contains("line 2"), rows.get(0));
    assertTrue(rows.get(1).startsWith("1 bad CSV row is not valid UTF-8"), rows.get(1));
    assertTrue(rows.get(2).startsWith("2 ok id=plain"), rows.get(2));

    assertEquals(
        List.of(
            "0 ok id=P\u00fc1 PatientID=P\u00e41 [Clock, id, b]",
            "1 ok id=P\u00f61 PatientID=P\u00e41 [Clock, id, b]",
            "2 ok id=plain PatientID=P\u00e41 [Clock, id, b]"),
        decode(decoder("windows-1252"), latin1, "id", "PatientID"));
  }

  @Test
  void aHeaderNamingTwoColumnsAfterThePreambleIsFoundAndEveryRowIsARecord() throws IOException {
    String csv =
        "PatientID,P1,,\r\n"
            + "TestDate,2019/8/3,,\r\n"
            + "Clock,Glu ch1,,\r\n"
            + "100,4.5,,\r\n"
            + "\r\n"
            + "200,4.7\r\n";
    assertEquals(
        List.of(
            "0 ok PatientID=P1 TestDate=2019/8/3 Clock=100 Glu ch1=4.5 [Clock, Glu ch1]",
            "1 ok PatientID=P1 TestDate=2019/8/3 Clock=200 Glu ch1=4.7 [Clock, Glu ch1]"),
        decode(csv, "PatientID", "TestDate", "Clock", "Glu ch1"));
    assertEquals(
        List.of("0 ok Clock=100 Glu ch1=4.5 [Clock, Glu ch1]"),
        decode("Clock,Glu ch1\n100,4.5\n", "Clock", "Glu ch1"));
    assertEquals(List.of(), decode("PatientID,P1\nClock,Glu ch1\n", "Clock"));
  }

  @Test
  void aTooWideRecordUnderATwoColumnHeaderIsQuarantinedNotTakenForTheHeader() throws IOException {
    String csv =
        "PatientID,P1\n"
            + "Ward,ICU-3\n"
            + "Clock,Glu ch1\n"
            + "100,4.5\n"
            + "200,4.7,spilled\n"
            + "300,4.9\n";
    assertEquals(
        List.of(
            "0 ok PatientID=P1 Ward=ICU-3 Clock=100 [Clock, Glu ch1]",
            "1 bad CSV row has 3 fields, the header has 2 (unquoted delimiter?): line 5",
            "2 ok PatientID=P1 Ward=ICU-3 Clock=300 [Clock, Glu ch1]"),
        decode(csv, "PatientID", "Ward", "Clock"));
    assertEquals(
        List.of("0 ok Clock=100 [Clock, Glu ch1]", "1 ok Clock=300 [Clock, Glu ch1]"),
        decode("Ward,ICU-3\nClock,Glu ch1\n100,4.5\n300,4.9\n", "Clock"),
        "an undeclared key-value row before a header that names a column is preamble");
    assertEquals(
        List.of("0 ok Ward=ICU-3 Clock=100 [PatientID, Clock, WBC]"),
        decode("Ward,ICU-3\nPatientID,Clock,WBC\nP1,100,5.1\n", "Ward", "Clock"),
        "a header with a third cell naming a column is the header");
  }
}
