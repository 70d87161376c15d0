package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every element of every array on the records path is a record or one quarantine row. */
class JsonDocumentDecoderTest {
  private static final String FILE = "s3://b/export.json";

  private static List<String> decode(String json) throws IOException {
    List<String> out = new ArrayList<>();
    new JsonDocumentDecoder("data.metrics[].data[]")
        .decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FILE)
        .forEachRemaining(
            d ->
                out.add(
                    d.index()
                        + " "
                        + (d instanceof Decoded.Ok ok
                            ? "ok "
                                + ok.record().value(List.of("^", "name"))
                                + " "
                                + ok.record().value(List.of("qty"))
                            : "bad "
                                + ((Decoded.Bad) d)
                                    .reason()
                                    .replace("JSON document " + FILE + ": ", "")
                                + " | "
                                + ((Decoded.Bad) d).rawText())));
    return out;
  }

  @Test
  void malformedMetricsAndPointsBecomeQuarantineRowsWithoutHidingTheirSiblings()
      throws IOException {
    String json =
        """
        {"data":{"metrics":[
          {"name":"heart_rate","data":[{"qty":1},{"qty":2},{"qty":3}]},
          {"name":"sleep_analysis","data":"none"},
          7,
          "step_count",
          null,
          {"name":"no_data"},
          {"name":"mixed","data":[1,{"qty":4},null]},
          {"name":"last","data":[{"qty":5},{"qty":6}]},
          {"name":"empty","data":[]}
        ]}}
        """;
    assertEquals(
        List.of(
            "0 ok heart_rate 1",
            "1 ok heart_rate 2",
            "2 ok heart_rate 3",
            "3 bad data.metrics[1].data is a string, not an array"
                + " | {\"name\":\"sleep_analysis\",\"data\":\"none\"}",
            "4 bad data.metrics[2] is a number, not an object | 7",
            "5 bad data.metrics[3] is a string, not an object | \"step_count\"",
            "6 bad data.metrics[4] is null, not an object | null",
            "7 bad data.metrics[5] has no 'data' | {\"name\":\"no_data\"}",
            "8 bad data.metrics[6].data[0] is a number, not an object | 1",
            "9 ok mixed 4",
            "10 bad data.metrics[6].data[2] is null, not an object | null",
            "11 ok last 5",
            "12 ok last 6"),
        decode(json));
  }

  @Test
  void aDocumentWithoutTheArraysIsOneQuarantineRow() throws IOException {
    assertEquals(
        List.of("0 bad data.metrics is an object, not an array | {\"metrics\":{\"name\":\"x\"}}"),
        decode("{\"data\":{\"metrics\":{\"name\":\"x\"}}}"));
    assertEquals(
        List.of("0 bad the document has no 'data' | {\"other\":1}"), decode("{\"other\":1}"));
    assertEquals(List.of("0 bad the document is an array, not an object | [1]"), decode("[1]"));
  }

  @Test
  void aSecondDocumentOrTrailingBytesMakeTheFileOneQuarantineRowInsteadOfVanishing()
      throws IOException {
    String one = "{\"data\":{\"metrics\":[{\"name\":\"hr\",\"data\":[{\"qty\":1}]}]}}";
    assertEquals(List.of("0 ok hr 1"), decode(one + "\n\n"));
    for (String appended : List.of(one, "garbage", "]")) {
      List<String> rows = decode(one + "\n" + appended);
      assertEquals(1, rows.size(), rows.toString());
      assertTrue(rows.get(0).startsWith("0 bad invalid "), rows.get(0));
      assertTrue(rows.get(0).endsWith(" | " + one + "\n" + appended), rows.get(0));
    }
    assertTrue(decode(one + one).get(0).startsWith("0 bad invalid Trailing token"));
  }

  @Test
  void aKeyGivenTwiceInOneObjectIsNotResolvedSilently() throws IOException {
    List<String> rows =
        decode("{\"data\":{\"metrics\":[{\"name\":\"hr\",\"data\":[{\"qty\":1,\"qty\":2}]}]}}");
    assertEquals(1, rows.size(), rows.toString());
    assertTrue(rows.get(0).startsWith("0 bad invalid Duplicate field 'qty'"), rows.get(0));
  }
}
