package dev.lakesmith.jobs.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakesmith.jobs.samples.RawWriters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
}
