package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStreamFramerTest {
  private static List<JsonStreamFramer.Frame> frames(String text) {
    JsonStreamFramer framer =
        new JsonStreamFramer(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false, 1 << 20);
    List<JsonStreamFramer.Frame> frames = new ArrayList<>();
    framer.forEachRemaining(frames::add);
    return frames;
  }

  @Test
  void concatenatedObjectsAreSplitWithoutDelimiters() {
    List<JsonStreamFramer.Frame> frames = frames("{\"a\":1}{\"b\":{\"c\":[1,{}]}}{\"d\":\"}{\"}");
    assertEquals(3, frames.size());
    assertEquals("{\"b\":{\"c\":[1,{}]}}", frames.get(1).text());
    assertEquals("{\"d\":\"}{\"}", frames.get(2).text());
    frames.forEach(f -> assertNull(f.problem()));
  }

  @Test
  void newlineDelimitedAndMixedFramingsAndBom() {
    List<JsonStreamFramer.Frame> frames = frames("\uFEFF{\"a\":1}\r\n{\"b\":2}{\"c\":3}\n\n");
    assertEquals(
        List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"),
        frames.stream().map(JsonStreamFramer.Frame::text).toList());
  }

  @Test
  void escapedQuotesInsideStringsDoNotEndTheString() {
    List<JsonStreamFramer.Frame> frames = frames("{\"p\":\"{\\\"x\\\":\\\"}\\\\\"}{\"q\":1}");
    assertEquals(2, frames.size());
    assertEquals("{\"q\":1}", frames.get(1).text());
  }

  @Test
  void truncatedRecordEndsAtItsLineAndFramingResumes() {
    List<JsonStreamFramer.Frame> frames =
        frames("{\"a\":1}\n{\"name\":\"x\",\"ts\":\"2023\n{\"b\":2}\n{\"c\":\n{\"d\":4}");
    assertEquals(5, frames.size());
    assertEquals("truncated record: the line ends inside a string", frames.get(1).problem());
    assertEquals("{\"b\":2}", frames.get(2).text());
    assertEquals(
        "truncated record: the line ends before the object is closed", frames.get(3).problem());
    assertEquals("{\"d\":4}", frames.get(4).text());
  }

  @Test
  void garbageIsFramedUpToTheNextObjectOrLine() {
    List<JsonStreamFramer.Frame> frames = frames("not json\nxx{\"a\":1}{\"b\":");
    assertEquals(4, frames.size());
    assertEquals("not json", frames.get(0).text());
    assertEquals("not a JSON object", frames.get(1).problem());
    assertEquals("xx", frames.get(1).text());
    assertNull(frames.get(2).problem());
    assertEquals(
        "truncated record: the file ends before the object is closed", frames.get(3).problem());
  }

  @Test
  void recordsLongerThanTheReadBufferStayWhole() {
    String big = "x".repeat(50_000);
    String text = "{\"a\":\"" + big + "\"}{\"b\":[" + "1,".repeat(20_000) + "2]}\n{\"c\":\"" + big;
    List<JsonStreamFramer.Frame> frames = frames(text);
    assertEquals(3, frames.size());
    assertEquals("{\"a\":\"" + big + "\"}", frames.get(0).text());
    assertNull(frames.get(1).problem());
    assertEquals(40_009, frames.get(1).length());
    assertEquals(
        "truncated record: the file ends before the object is closed", frames.get(2).problem());
  }

  @Test
  void aRecordOverTheLimitIsSkippedToItsEndKeepingOnlyAPrefix() {
    String big = "{\"p\":\"" + "x".repeat(5000) + "\"}";
    JsonStreamFramer framer =
        new JsonStreamFramer(
            new ByteArrayInputStream(
                ("{\"a\":1}" + big + "{\"b\":2}\n" + "[".repeat(3000) + "\n{\"c\":3}")
                    .getBytes(StandardCharsets.UTF_8)),
            false,
            1024);
    List<JsonStreamFramer.Frame> frames = new ArrayList<>();
    framer.forEachRemaining(frames::add);

    assertEquals(5, frames.size());
    assertEquals("{\"b\":2}", frames.get(2).text());
    assertEquals("{\"c\":3}", frames.get(4).text());
    assertEquals(big.substring(0, 1024), frames.get(1).text());
    assertEquals(
        "record over size limit: 5,008 bytes, over the limit of 1 KiB"
            + " (lakesmith.read.max-record-bytes)",
        frames.get(1).problem());
    assertEquals(1024, frames.get(3).length());
    assertEquals(
        "record over size limit: 3,000 bytes, over the limit of 1 KiB"
            + " (lakesmith.read.max-record-bytes); not a JSON object",
        frames.get(3).problem());
  }
}
