package dev.lakesmith.jobs.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Deterministic raw input for hospital_results, heart_rate and health_metrics in the layouts they
 * really arrive in, with re-sends, corrections, late data and a few bad records, plus the counts a
 * run over all of it must report. sample-data/ is this generator's output (see SampleDataTest).
 */
public final class SampleDataGenerator {
  /** What curating everything must report. */
  public record Truth(long read, long quarantined, long duplicates, long written) {}

  public static final int RESULT_COLUMNS = 200;
  private static final String[] ANALYTES = {
    "WBC (10^3/uL)", "RBC (10^6/uL)", "Hb [g/dL]", "Hct %", "MCV (fL)", "PLT (10^3/uL)",
    "Na (mmol/L)", "K (mmol/L)", "Cl (mmol/L)", "CO2 (mmol/L)", "BUN (mg/dL)", "Creat (mg/dL)",
    "Glucose (mg/dL)", "Ca (mg/dL)", "Lactate (mmol/L)", "pH", "pCO2 (mmHg)", "pO2 (mmHg)",
    "SpO2 %", "HR (bpm)"
  };
  private static final DateTimeFormatter SLOPPY = DateTimeFormatter.ofPattern("uuuu/M/d H:m:s");

  private SampleDataGenerator() {}

  /** Raw result header names: 20 analytes on 10 channels, e.g. "Hb [g/dL] ch3". */
  public static List<String> resultNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < RESULT_COLUMNS; i++) {
      names.add(ANALYTES[i % ANALYTES.length] + " ch" + (i / ANALYTES.length + 1));
    }
    return names;
  }

  /** A test: one export file's worth of samples. */
  record Test(String hospital, String patient, String birth, LocalDateTime start, int samples) {}

  public static Truth hospitalResults(Path root) throws IOException {
    Random random = new Random(11);
    Path exports = root.resolve("exports");
    Set<String> keys = new HashSet<>();
    long[] counts = new long[2]; // read, quarantined
    Map<String, String> zones =
        Map.of(
            "st_marys", "Asia/Kolkata",
            "auckland_city", "Pacific/Auckland",
            "northside", "America/Chicago",
            "lakeview", "Europe/Berlin");
    List<String> names = resultNames();
    for (String month : List.of("2019-08", "2019-09")) {
      for (String hospital : List.of("st_marys", "auckland_city", "northside", "lakeview")) {
        for (int t = 0; t < 3; t++) {
          int day = 3 + t * 9 + (month.endsWith("09") ? 1 : 0);
          LocalDateTime start =
              LocalDateTime.of(
                  2019, Integer.parseInt(month.substring(5)), day, 7 + t * 3, t * 7, 28 - t);
          Test test =
              new Test(
                  hospital,
                  "P" + (100200 + random.nextInt(900)),
                  "19"
                      + (40 + random.nextInt(50))
                      + "/"
                      + (1 + random.nextInt(12))
                      + "/"
                      + (1 + random.nextInt(28)),
                  start,
                  24);
          LocalDateTime reported = start.plusHours(20 + t);
          String file = hospital + "_" + start.toLocalDate().toString().replace("-", "") + "_" + t;
          Path dir = exports.resolve(hospital).resolve(month);
          List<double[]> values = values(random, test.samples(), names.size());
          long firstClock = start.atZone(ZoneId.of(zones.get(hospital))).toInstant().toEpochMilli();
          switch (hospital) {
            case "lakeview" ->
                RawWriters.avro(
                    dir.resolve(file + ".avro"),
                    avroSchema(names),
                    avroRecords(test, reported, firstClock, values, names),
                    start.hashCode());
            case "northside" ->
                RawWriters.text(
                    dir.resolve(file + ".csv.gz"),
                    csv(test, reported, firstClock, values, names, false, -1, false, false),
                    true);
            default ->
                RawWriters.text(
                    dir.resolve(file + (hospital.equals("st_marys") ? ".csv.gz" : ".csv")),
                    csv(
                        test,
                        reported,
                        firstClock,
                        values,
                        names,
                        true,
                        hospital.equals("auckland_city") && t == 1 ? 5 : -1,
                        hospital.equals("st_marys"),
                        hospital.equals("st_marys") && t == 1),
                    hospital.equals("st_marys"));
          }
          for (int s = 0; s < test.samples(); s++) {
            counts[0]++;
            keys.add(hospital + test.patient() + start + (firstClock + s * 30_000L));
          }
          if (hospital.equals("auckland_city") && t == 1) {
            counts[1]++; // row 5 has a field too many
            keys.remove(hospital + test.patient() + start + (firstClock + 5 * 30_000L));
          }
          if (hospital.equals("st_marys") && t == 0 && month.equals("2019-08")) {
            // Corrected re-issue a month later: later ReportedAt, one value changed.
            values.get(0)[0] = 4.2;
            RawWriters.text(
                exports.resolve(hospital).resolve("2019-09").resolve(file + "_corrected.csv.gz"),
                csv(test, reported.plusDays(12), firstClock, values, names, true, -1, true, false),
                true);
            counts[0] += test.samples();
          }
          if (hospital.equals("northside") && t == 2 && month.equals("2019-08")) {
            // The same export uploaded again the next month.
            RawWriters.text(
                exports.resolve(hospital).resolve("2019-09").resolve(file + "_resend.csv.gz"),
                csv(test, reported, firstClock, values, names, false, -1, false, false),
                true);
            counts[0] += test.samples();
          }
        }
      }
    }
    long written = keys.size();
    return new Truth(counts[0], counts[1], counts[0] - counts[1] - written, written);
  }

  private static List<double[]> values(Random random, int samples, int columns) {
    List<double[]> rows = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      double[] row = new double[columns];
      for (int c = 0; c < columns; c++) {
        row[c] =
            random.nextInt(10) == 0 ? Double.NaN : Math.round(random.nextDouble() * 20000) / 100.0;
      }
      rows.add(row);
    }
    return rows;
  }

  private static String csv(
      Test test,
      LocalDateTime reported,
      long firstClock,
      List<double[]> values,
      List<String> names,
      boolean preamble,
      int tooWideRow,
      boolean spreadsheet,
      boolean censored) {
    // A spreadsheet export: one more preamble row than declared, two empty trailing columns.
    String pad = spreadsheet ? ",," : "";
    StringBuilder out = new StringBuilder();
    String testDate = SLOPPY.format(test.start()).split(" ")[0];
    String testTime = SLOPPY.format(test.start()).split(" ")[1];
    if (preamble) {
      out.append("PatientID,").append(test.patient()).append("\r\n");
      out.append("PatientBirthDate,").append(test.birth()).append("\r\n");
      out.append("TestDate,").append(testDate).append("\r\n");
      out.append("TestTime,").append(testTime).append("\r\n");
      out.append("ReportedAt,").append(SLOPPY.format(reported)).append("\r\n");
      if (spreadsheet) {
        out.append("Ward,ICU-3").append(pad).append("\r\n");
      }
      out.append("Clock");
    } else {
      out.append("PatientID,PatientBirthDate,TestDate,TestTime,ReportedAt,Clock");
    }
    for (String name : names) {
      out.append(',').append(name.contains(",") ? "\"" + name + "\"" : name);
    }
    out.append(pad).append("\r\n");
    for (int s = 0; s < values.size(); s++) {
      if (!preamble) {
        out.append(test.patient()).append(',').append(test.birth()).append(',');
        out.append(testDate).append(',').append(testTime).append(',');
        out.append(SLOPPY.format(reported)).append(',');
      }
      out.append(firstClock + s * 30_000L);
      double[] row = values.get(s);
      for (int c = 0; c < row.length; c++) {
        out.append(',').append(cell(row[c], censored && s % 6 == 0 ? c : -1));
      }
      if (s == tooWideRow) {
        out.append(",1.0");
      }
      out.append(pad).append("\r\n");
    }
    return out.toString();
  }

  /**
   * A result cell; columns 3, 7 and 11 of a censored row carry what labs send below/above range.
   */
  private static String cell(double value, int censoredColumn) {
    return switch (censoredColumn) {
      case 3 -> "<0.01";
      case 7 -> "NEG";
      case 11 -> ">500";
      default -> Double.isNaN(value) ? "" : String.valueOf(value);
    };
  }

  static String avroName(String raw) {
    return raw.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  private static Schema avroSchema(List<String> names) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("HospitalResult")
            .namespace("lakeview.lis")
            .fields()
            .requiredString("PatientID")
            .requiredString("PatientBirthDate")
            .requiredString("TestDate")
            .requiredString("TestTime")
            .requiredString("ReportedAt")
            .requiredLong("Clock");
    for (String name : names) {
      fields = fields.optionalDouble(avroName(name));
    }
    return fields.endRecord();
  }

  private static List<GenericRecord> avroRecords(
      Test test,
      LocalDateTime reported,
      long firstClock,
      List<double[]> values,
      List<String> names) {
    Schema schema = avroSchema(names);
    String[] dateTime = SLOPPY.format(test.start()).split(" ");
    List<GenericRecord> records = new ArrayList<>();
    for (int s = 0; s < values.size(); s++) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("PatientID", test.patient());
      record.put("PatientBirthDate", test.birth());
      record.put("TestDate", dateTime[0]);
      record.put("TestTime", dateTime[1]);
      record.put("ReportedAt", SLOPPY.format(reported));
      record.put("Clock", firstClock + s * 30_000L);
      for (int c = 0; c < names.size(); c++) {
        double v = values.get(s)[c];
        record.put(avroName(names.get(c)), Double.isNaN(v) ? null : v);
      }
      records.add(record);
    }
    return records;
  }

  /** {@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>.parquet}, as Firehose names files. */
  private static String firehoseName(Instant at, Random ids) {
    return "lakesmith-heart-rate-1-"
        + DateTimeFormatter.ofPattern("uuuu-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC).format(at)
        + "-"
        + new java.util.UUID(ids.nextLong(), ids.nextLong())
        + ".parquet";
  }

  /** Readings as a typed schema holds them: micros of the UTC wall clock. */
  private static List<RawWriters.TypedReading> typed(List<RawWriters.Reading> readings) {
    return readings.stream()
        .map(
            r -> {
              Instant at = LocalDateTime.parse(r.timestamp()).toInstant(ZoneOffset.UTC);
              return new RawWriters.TypedReading(
                  at.getEpochSecond() * 1_000_000 + at.getNano() / 1000, r.heartRate());
            })
        .toList();
  }

  public static Truth heartRate(Path root) throws IOException {
    Random random = new Random(23);
    Random ids = new Random(29);
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    DateTimeFormatter micros = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    long read = 0;
    long bad = 0;
    long dups = 0;
    int session = 0;
    for (int day = 14; day <= 16; day++) {
      for (String time : List.of("00-10-00", "09-30-15", "21-45-30")) {
        LocalDateTime local =
            LocalDateTime.parse(String.format("2025-07-%02dT%s", day, time.replace('-', ':')));
        Instant start = local.atZone(kolkata).toInstant();
        Path dir =
            root.resolve(String.format("heart_rate_data/2025/07/%02d/session_%s", day, time));
        List<RawWriters.Reading> all = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
          Instant at = start.plusMillis(i * 1000L + random.nextInt(1000));
          all.add(
              new RawWriters.Reading(
                  micros.format(
                      LocalDateTime.ofInstant(at, ZoneOffset.UTC)
                          .plusNanos(random.nextInt(1000) * 1000L)),
                  60 + random.nextInt(70)));
        }
        if (session == 4) {
          all.set(17, new RawWriters.Reading(all.get(17).timestamp(), null));
          all.set(18, new RawWriters.Reading("2025-07-15T25:10:33.123456", 80));
          bad += 2;
        }
        for (int part = 0; part < 3; part++) {
          List<RawWriters.Reading> slice = all.subList(part * 80, part * 80 + 80);
          if (session % 3 == 0) {
            // Firehose names files after the stream; with a typed schema the timestamp is a
            // Parquet TIMESTAMP (session 6: without UTC adjustment, i.e. TIMESTAMP_NTZ).
            RawWriters.typedHeartRateParquet(
                dir.resolve(firehoseName(start.plusSeconds(part * 20L), ids)),
                session != 6,
                typed(slice));
          } else {
            RawWriters.heartRateParquet(
                dir.resolve(String.format("part-%05d-%d.snappy.parquet", part, session)), slice);
          }
          read += slice.size();
        }
        if (session % 4 == 1) {
          // A Firehose retry delivers the second part again.
          RawWriters.heartRateParquet(
              dir.resolve(String.format("part-%05d-%d-retry.snappy.parquet", 1, session)),
              all.subList(80, 160));
          read += 80;
          dups += 80;
        }
        if (session == 7) {
          // A re-send that lands in the next minute's session folder: the same readings.
          RawWriters.typedHeartRateParquet(
              root.resolve(String.format("heart_rate_data/2025/07/%02d/session_09-31-15", day))
                  .resolve(firehoseName(start.plusSeconds(60), ids)),
              true,
              typed(all.subList(160, 240)));
          read += 80;
          dups += 80;
        }
        session++;
      }
    }
    return new Truth(read, bad, dups, read - bad - dups);
  }

  /**
   * Health Auto Export shapes: most metrics carry {@code qty}; heart_rate Min/Avg/Max,
   * sleep_analysis one summary per night, blood_pressure systolic/diastolic without a source,
   * blood_glucose qty plus mealTime. Minutes between points per metric.
   */
  private static final Map<String, Integer> METRIC_STEP =
      Map.of("sleep_analysis", 1440, "blood_pressure", 360, "blood_glucose", 240);

  public static Truth healthMetrics(Path root) throws IOException {
    Map<String, String> units = new LinkedHashMap<>();
    units.put("heart_rate", "count/min");
    units.put("step_count", "count");
    units.put("active_energy", "kJ");
    units.put("walking_running_distance", "km");
    units.put("respiratory_rate", "count/min");
    units.put("sleep_analysis", "hr");
    units.put("blood_pressure", "mmHg");
    units.put("blood_glucose", "mg/dL");
    DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xx", Locale.ROOT);
    ZoneId auckland = ZoneId.of("Pacific/Auckland");
    Set<String> latest = new HashSet<>();
    long read = 0;
    long bad = 0;
    // Three syncs; each re-exports the window since 2025-10-08 with late points and revised values.
    for (int sync = 0; sync < 3; sync++) {
      LocalDateTime exportedAt = LocalDateTime.of(2025, 10, 9 + sync, 23, 45, 10);
      List<String> metrics = new ArrayList<>();
      for (Map.Entry<String, String> metric : units.entrySet()) {
        String name = metric.getKey();
        Random points = new Random(name.hashCode());
        List<String> data = new ArrayList<>();
        int step = METRIC_STEP.getOrDefault(name, 9);
        for (int minute = 0; minute < (sync + 1) * 24 * 60; minute += step) {
          if (points.nextInt(7) == 0 && sync == 0) {
            continue; // synced late: first appears in the next export
          }
          LocalDateTime at = LocalDateTime.of(2025, 10, 8, 0, 0, 7).plusMinutes(minute);
          String source = minute % 4 == 0 ? "Watch" : "iPhone";
          double qty =
              Math.round(points.nextDouble() * 1000) / 10.0
                  + (sync > 0 && minute % 90 == 0 ? sync : 0);
          String date = "\"date\":\"" + format.format(at.atZone(auckland)) + "\"";
          data.add(
              switch (name) {
                case "heart_rate" ->
                    String.format(
                        "{%s,\"Min\":%s,\"Avg\":%s,\"Max\":%s,\"source\":\"%s\"}",
                        date, qty - 5, qty, qty + 7, source);
                case "sleep_analysis" ->
                    String.format(
                        "{%s,\"asleep\":%s,\"inBed\":%s,\"core\":%s,\"deep\":%s,\"rem\":%s,"
                            + "\"awake\":%s,\"totalSleep\":%s,\"sleepStart\":\"%s\","
                            + "\"sleepEnd\":\"%s\",\"source\":\"Watch\"}",
                        date,
                        7.1,
                        8.0,
                        3.5,
                        1.0,
                        1.6,
                        0.3,
                        6.1,
                        format.format(at.minusHours(2).atZone(auckland)),
                        format.format(at.plusHours(6).atZone(auckland)));
                case "blood_pressure" ->
                    String.format(
                        "{%s,\"systolic\":%d,\"diastolic\":%d}",
                        date, 110 + (int) qty % 30, 70 + (int) qty % 15);
                case "blood_glucose" ->
                    String.format(
                        "{%s,\"qty\":%s,\"mealTime\":\"%s\",\"source\":\"Meter\"}",
                        date, qty, minute % 480 == 0 ? "Before Meal" : "After Meal");
                default -> String.format("{%s,\"qty\":%s,\"source\":\"%s\"}", date, qty, source);
              });
          String keySource =
              switch (name) {
                case "sleep_analysis" -> "Watch";
                case "blood_pressure" -> "";
                case "blood_glucose" -> "Meter";
                default -> source;
              };
          latest.add(name + "|" + at + "|" + keySource + "|" + metric.getValue());
        }
        read += data.size();
        metrics.add(
            "{\"name\":\""
                + name
                + "\",\"units\":\""
                + metric.getValue()
                + "\",\"data\":["
                + String.join(",", data)
                + "]}");
      }
      if (sync == 1) {
        // An app bug exports one metric's data as an object: one quarantine row, others intact.
        metrics.add(3, "{\"name\":\"walking_speed\",\"units\":\"km/hr\",\"data\":{\"qty\":4.1}}");
        read++;
        bad++;
      }
      String name =
          String.format(
              "auto_export/2025/10/%02d/HealthAutoExport-%s.json",
              exportedAt.getDayOfMonth(),
              exportedAt.format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss")));
      RawWriters.text(
          root.resolve(name),
          "{\"data\":{\"metrics\":[" + String.join(",", metrics) + "]}}",
          false);
    }
    return new Truth(read, bad, read - bad - latest.size(), latest.size());
  }
}
