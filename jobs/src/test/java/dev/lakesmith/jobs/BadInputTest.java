package dev.lakesmith.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.manifest.RunManifest;
import dev.lakesmith.jobs.samples.RawWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad file in one hospital_results month: each is quarantined with a reason naming
 * the file (and the field), good files are curated, empty files are listed in the manifest.
 */
class BadInputTest {
  private static final String HEADER =
      "PatientID,PatientBirthDate,TestDate,TestTime,ReportedAt,Clock,WBC (10^3/uL),Hb [g/dL]\n";
  private static final String ROW = "P1,1960/1/2,2019/8/21,11:6:28,2019/8/22 9:0:0,1566365788000,";
  @TempDir Path tmp;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void everyKindOfBadFileIsQuarantinedWithAReasonNamingTheFile() throws Exception {
    Path month = tmp.resolve("raw/exports/northside/2019-08");
    RawWriters.text(
        month.resolve("good.csv"),
        HEADER + ROW + "5.1,13.2\n" + ROW.replace("8000,", "9000,") + "5.3,\n",
        false);
    RawWriters.text(
        month.resolve("wide.csv"), HEADER + ROW.replace("P1", "P2") + "5.1,13.2,99\n", false);
    RawWriters.text(
        month.resolve("no_clock.csv"),
        HEADER.replace("Clock,", "") + "P3,1960/1/2,2019/8/21,11:6:28,2019/8/22 9:0:0,5.1,13.2\n",
        false);
    StringBuilder many = new StringBuilder(HEADER);
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 4000; i++) {
      many.append(
              ROW.replace("P1", "P9").replace("1566365788000", String.valueOf(1566365788000L + i)))
          .append(random.nextDouble())
          .append(',')
          .append(random.nextDouble())
          .append('\n');
    }
    Path truncated = RawWriters.text(month.resolve("cut.csv.gz"), many.toString(), true);
    byte[] bytes = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Files.write(month.resolve("not_gzip.csv.gz"), "PatientID,oops".getBytes());
    Files.write(month.resolve("empty.csv"), new byte[0]);
    Schema schema =
        SchemaBuilder.record("R")
            .fields()
            .requiredString("PatientID")
            .requiredLong("Clock")
            .endRecord();
    GenericRecord record = new GenericData.Record(schema);
    record.put("PatientID", "P4");
    record.put("Clock", 1566365788000L);
    RawWriters.avro(month.resolve("old_schema.avro"), schema, List.of(record), 1);
    Files.writeString(month.resolve("garbage.avro"), "Obj not really");
    RawWriters.text(
        tmp.resolve("raw/exports/unknown_hospital/2019-08/u.csv"),
        HEADER + ROW + "5.1,13.2\n",
        false);

    Path out = tmp.resolve("out");
    RunManifest manifest =
        FileFormatDatasetsTest.curate(
            spark,
            "hospital_results",
            tmp.resolve("raw"),
            out,
            "2019-08",
            "lakesmith.datasets.hospital_results.max-bad-fraction=1");

    assertEquals(
        List.of(month.resolve("empty.csv").toUri().toString().replace("file:///", "file:/")),
        manifest.inputs().emptyFiles());
    assertTrue(manifest.accountingIdentityHolds());
    Map<String, String> reasonByFile = new HashMap<>();
    for (Row row : spark.read().json(manifest.outputs().quarantine()).collectAsList()) {
      String file = row.getAs("source_file").toString();
      reasonByFile.merge(
          file.substring(file.lastIndexOf('/') + 1), row.getAs("reason"), (a, b) -> a);
    }
    assertTrue(reasonByFile.get("wide.csv").startsWith("CSV row has 9 fields, the header has 8"));
    assertTrue(
        reasonByFile
                .get("no_clock.csv")
                .contains("missing required field 'Clock' (column collected_at): CSV file ")
            && reasonByFile.get("no_clock.csv").contains("no_clock.csv has no column 'Clock'"),
        reasonByFile.get("no_clock.csv"));
    assertTrue(
        reasonByFile.get("cut.csv.gz").startsWith("unreadable file: "),
        reasonByFile.get("cut.csv.gz"));
    assertTrue(
        reasonByFile.get("cut.csv.gz").contains("records, which were kept"),
        reasonByFile.get("cut.csv.gz"));
    assertTrue(
        reasonByFile
            .get("not_gzip.csv.gz")
            .startsWith("unreadable file: named .gz but is not gzip"));
    assertTrue(
        reasonByFile.get("old_schema.avro").contains("the Avro schema of file ")
            && reasonByFile
                .get("old_schema.avro")
                .contains("old_schema.avro has no field 'TestDate'"),
        reasonByFile.get("old_schema.avro"));
    assertTrue(
        reasonByFile.get("garbage.avro").startsWith("unreadable file: "),
        reasonByFile.get("garbage.avro"));
    assertTrue(
        reasonByFile.get("u.csv").startsWith("no zone for hospital (column ")
            && reasonByFile.get("u.csv").contains(": 'unknown_hospital'; add it to zone-from"),
        reasonByFile.get("u.csv"));
    List<Row> good =
        spark
            .read()
            .parquet(out.resolve("hospital_results").toString())
            .filter("patient_id = 'P1'")
            .orderBy("collected_at")
            .collectAsList();
    assertEquals(2, good.size());
    assertEquals(
        java.time.Instant.parse("2019-08-21T16:06:28Z"), good.get(0).getAs("test_started_at"));
    assertEquals(java.time.Instant.ofEpochMilli(1566365788000L), good.get(0).getAs("collected_at"));
    assertEquals(
        Map.of("wbc_10_3_ul", 5.1, "hb_g_dl", 13.2),
        scala.jdk.javaapi.CollectionConverters.asJava(
            (scala.collection.Map<String, Double>) good.get(0).getAs("results")));
    assertEquals(
        Map.of("wbc_10_3_ul", 5.3),
        scala.jdk.javaapi.CollectionConverters.asJava(
            (scala.collection.Map<String, Double>) good.get(1).getAs("results")));
  }

  @Test
  void aSliceWithNoInputIsOneClearErrorForEveryLayout() throws Exception {
    Files.createDirectories(tmp.resolve("raw/exports/st_marys/2019-08"));
    Files.createDirectories(tmp.resolve("raw/heart_rate_data/2025/07/14/session_00-10-00"));
    Files.createDirectories(tmp.resolve("raw/auto_export/2025/10/09"));
    for (String[] run :
        new String[][] {
          {"hospital_results", "2019-09"},
          {"heart_rate", "2025-07-15"},
          {"health_metrics", "2025-11"}
        }) {
      JobFailure failure =
          assertThrows(
              JobFailure.class,
              () ->
                  FileFormatDatasetsTest.curate(
                      spark, run[0], tmp.resolve("raw"), tmp.resolve("out"), run[1]));
      assertEquals(JobFailure.BAD_INPUT, failure.exitCode());
      assertTrue(
          failure.getMessage().startsWith("no input for dataset '" + run[0] + "' slice " + run[1]),
          failure.getMessage());
    }
  }
}
