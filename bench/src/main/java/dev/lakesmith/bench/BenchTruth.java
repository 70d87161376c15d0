package dev.lakesmith.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a corpus's {@code _truth/events.json} the benchmark checks curated output against
 * (read with the HOCON parser, a JSON superset).
 *
 * @param records record frames in readable files: what each contestant reads
 * @param partitions distinct valid rows per {@code name=<event>/d=<UTC date>}
 * @param zone zone of the naive tstamp strings
 */
record BenchTruth(
    long records, long files, long jsonBytes, Map<String, Long> partitions, String zone) {

  static BenchTruth read(Path corpus) {
    Config truth =
        ConfigFactory.parseFile(corpus.resolve(EventsCorpusGenerator.TRUTH_FILE).toFile());
    Map<String, Long> partitions = new TreeMap<>();
    ConfigObject byPartition = truth.getObject("partitions");
    byPartition.forEach(
        (key, value) -> partitions.put(key, ((Number) value.unwrapped()).longValue()));
    return new BenchTruth(
        truth.getLong("totals.records"),
        truth.getLong("totals.files"),
        truth.getLong("totals.json_bytes"),
        partitions,
        truth.getString("spec.zone"));
  }

  /**
   * Differences between this truth and {@link DuckDbEvents} {@code verify} output lines; empty when
   * every partition holds exactly the expected distinct rows and every DST record has its instant.
   */
  List<String> mismatches(String verifyOutput) {
    Map<String, Long> rows = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String line : verifyOutput.strip().split("\n")) {
      String[] cells = line.split("\t");
      if (cells.length != 3) {
        continue;
      }
      long first = Long.parseLong(cells[1]);
      long second = Long.parseLong(cells[2]);
      if (cells[0].equals("_dst")) {
        if (first != second) {
          problems.add(second + " of " + first + " DST gap/fold records at the java.time instant");
        }
      } else {
        rows.put(cells[0], first);
        if (first != second) {
          problems.add(cells[0] + ": " + first + " rows but " + second + " distinct keys");
        }
      }
    }
    if (!rows.equals(partitions)) {
      problems.add(
          "partition rows differ from the truth: expected " + partitions + ", got " + rows);
    }
    return problems;
  }
}
