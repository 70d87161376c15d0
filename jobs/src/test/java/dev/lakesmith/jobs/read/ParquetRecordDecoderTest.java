package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.jobs.record.RawRecord;
import dev.lakesmith.jobs.samples.RawWriters;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Parquet record kept for a quarantine row is JSON whatever its strings hold. */
class ParquetRecordDecoderTest {
  @TempDir Path tmp;

  @Test
  void rawTextIsJsonOfTheRecordsFields() throws Exception {
    String awkward = "say \"hi\" \\ C:\\tmp\nnext line\ttab \u0001 ü";
    Path file =
        RawWriters.heartRateParquet(
            tmp.resolve("readings.parquet"),
            List.of(new RawWriters.Reading(awkward, 72), new RawWriters.Reading(null, null)));
    List<JsonNode> raw = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (RecordDecoder.Records records =
        new ParquetRecordDecoder().open(new Configuration(), file.toUri().toString())) {
      while (records.iterator().hasNext()) {
        Decoded.Ok ok = (Decoded.Ok) records.iterator().next();
        raw.add(mapper.readTree(ok.record().rawText()));
      }
    }
    assertEquals(2, raw.size());
    assertEquals(awkward, raw.get(0).get("timestamp").textValue());
    assertEquals(72, raw.get(0).get("heart_rate").intValue());
    assertEquals(true, raw.get(1).get("timestamp").isNull());
    assertEquals(true, raw.get(1).get("heart_rate").isNull());
  }

  @Test
  void aValueThatCannotBeReadStillLeavesTheRecordsRawText() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m { required binary id (STRING); required binary amount (DECIMAL(9,2)); }");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Path file =
        RawWriters.parquet(
            tmp.resolve("amounts.parquet"),
            schema,
            List.of(
                groups
                    .newGroup()
                    .append("id", "a")
                    .append("amount", Binary.fromConstantByteArray(new byte[0])),
                groups
                    .newGroup()
                    .append("id", "b")
                    .append(
                        "amount", Binary.fromConstantByteArray(new byte[] {0x04, (byte) 0xD2}))));
    List<Decoded> decoded = new ArrayList<>();
    try (RecordDecoder.Records records =
        new ParquetRecordDecoder().open(new Configuration(), file.toUri().toString())) {
      records.iterator().forEachRemaining(decoded::add);
    }
    RawRecord broken = ((Decoded.Ok) decoded.get(0)).record();
    assertThrows(NumberFormatException.class, () -> broken.value(List.of("amount")));
    JsonNode raw = new ObjectMapper().readTree(broken.rawText());
    assertEquals("a", raw.get("id").textValue());
    assertTrue(raw.get("amount").textValue().startsWith("unreadable value: NumberFormatException"));
    assertEquals(
        new BigDecimal("12.34"), ((Decoded.Ok) decoded.get(1)).record().value(List.of("amount")));
  }
}
