package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hospital CSV exports as spreadsheets write them: each row is a record or a quarantine row. */
class CsvRecordDecoderTest {
  private static List<String> decode(String csv, String... fields) throws IOException {
    List<String> out = new ArrayList<>();
    new CsvRecordDecoder(',', '"', List.of("PatientID", "TestDate"))
        .decode(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "f.csv")
        .forEachRemaining(
            d -> {
              if (d instanceof Decoded.Ok ok) {
                List<String> values = new ArrayList<>();
                for (String field : fields) {
                  values.add(field + "=" + ok.record().value(List.of(field)));
                }
                out.add(
                    d.index() + " ok " + String.join(" ", values) + " " + ok.record().fieldNames());
              } else {
                out.add(d.index() + " bad " + ((Decoded.Bad) d).reason());
              }
            });
    return out;
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
            "2 bad CSV row has value 'x' in field 5, whose header cell is empty",
            "3 bad CSV row has 1 fields, the header has 5 (cut short?)",
            "4 bad CSV row has 6 fields, the header has 5 (unquoted delimiter?)"),
        decode(csv, "PatientID", "Ward", "TestDate", "Clock", "WBC ch1"));
  }

  @Test
  void aHeaderRepeatingANameQuarantinesEachRow() throws IOException {
    assertEquals(
        List.of(
            "0 bad header of CSV file f.csv repeats column 'a'; its rows cannot be read"
                + " unambiguously",
            "1 bad header of CSV file f.csv repeats column 'a'; its rows cannot be read"
                + " unambiguously"),
        decode("a,b,a\n1,2,3\n4,5,6\n"));
  }
}
