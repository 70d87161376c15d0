package dev.lakesmith.bench;

import com.typesafe.config.ConfigFactory;
import dev.lakesmith.core.JobFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: Lakesmith's {@code local} curate against DuckDB doing the same work, each as a
 * whole child process, alternating so that a busy machine slows both alike; every output is checked
 * against the corpus truth. Not part of the test suite: it takes minutes.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Times `local` curate against DuckDB on generated events corpora (cached per seed and scale"
          + " under --work) and verifies both outputs against the corpus truth.",
      "Prints, per scale, the median wall time, records/s, peak RSS and the Lakesmith/DuckDB ratio."
    })
public final class BenchmarkCommand implements Callable<Integer> {
  private static final int WARM_UP_SESSIONS = 1_000;

  @Option(
      names = "--scales",
      split = ",",
      paramLabel = "SESSIONS",
      description =
          "Corpus sizes in sessions, ~7.4 records each (default: 100000,1000000; 3000000 is the"
              + " large scale, ~22M records).")
  List<Integer> scales = List.of(100_000, 1_000_000);

  @Option(
      names = "--formats",
      split = ",",
      paramLabel = "FORMAT",
      description =
          "Lakesmith table formats to time, each a contestant (default: parquet,iceberg).")
  List<String> formats = Contestant.FORMATS;

  @Option(names = "--runs", description = "Runs per contestant and scale (default: 3).")
  int runs = 3;

  @Option(names = "--seed", description = "Corpus seed (default: 7).")
  long seed = 7;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Corpora, outputs and logs (default: <tmp>/lakesmith-bench).")
  Path work = Path.of(System.getProperty("java.io.tmpdir"), "lakesmith-bench");

  @Option(
      names = "--conf",
      paramLabel = "key=value",
      description = "Passed to every Lakesmith run, e.g. to compare a setting.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--launcher-jar",
      paramLabel = "JAR",
      description =
          "The Lakesmith jar to time (default: launcher/target/lakesmith.jar of this build).")
  Path launcherJar;

  @Option(
      names = "--sample",
      paramLabel = "DIR",
      description =
          "A small events corpus with its truth for the fixed-cost runs (`local` with and without"
              + " register), timed beside the smallest scale; none if it does not exist (default:"
              + " ${DEFAULT-VALUE}).")
  Path sample = Path.of("sample-data", "events");

  private Contestant verifier;

  @Override
  public Integer call() throws IOException {
    if (runs < 1 || scales.isEmpty() || scales.stream().anyMatch(s -> s < 1)) {
      throw JobFailure.config("--runs and every --scales value must be at least 1");
    }
    PrintStream out = System.out;
    Jars jars = Jars.locate(launcherJar);
    verifier = Contestant.duckdb(jars.bench());
    List<Contestant> contestants = new ArrayList<>();
    for (String format : formats) {
      try {
        contestants.add(Contestant.lakesmith(jars.launcher(), format, overrides));
      } catch (IllegalArgumentException e) {
        throw JobFailure.config(e.getMessage());
      }
    }
    contestants.add(verifier);
    List<Contestant> fixedCost = new ArrayList<>();
    if (Files.exists(sample.resolve(EventsCorpusGenerator.TRUTH_FILE))) {
      for (boolean register : List.of(false, true)) {
        fixedCost.add(
            Contestant.sample(jars.launcher(), sample.toAbsolutePath(), register, overrides));
      }
    } else {
      out.printf("benchmark: no %s: no fixed-cost runs%n", sample);
    }
    BenchmarkTable table = new BenchmarkTable();
    List<String> failures = new ArrayList<>();
    warmUp(contestants, jars.bench(), failures, out);
    int smallest = scales.stream().mapToInt(Integer::intValue).min().getAsInt();
    for (int sessions : scales) {
      Path corpus = CorpusCache.ensure(work, seed, sessions, jars.bench(), out);
      BenchTruth truth = BenchTruth.read(corpus);
      List<Contestant> timed = new ArrayList<>(contestants);
      if (sessions == smallest) {
        timed.addAll(0, fixedCost);
      }
      Map<String, List<MeasuredProcess.Result>> results = new LinkedHashMap<>();
      Map<String, List<Map<String, Long>>> stages = new LinkedHashMap<>();
      timed.forEach(c -> results.put(c.name(), new ArrayList<>()));
      timed.forEach(c -> stages.put(c.name(), new ArrayList<>()));
      for (int run = 1; run <= runs; run++) {
        List<Contestant> order = new ArrayList<>(timed);
        if (run % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (Contestant contestant : order) {
          String label = contestant.name() + "-" + sessions + "-" + run;
          Map<String, Long> timings = new LinkedHashMap<>();
          Path input = contestant.ownCorpus().orElse(corpus);
          MeasuredProcess.Result result =
              measure(contestant, input, BenchTruth.read(input), label, failures, timings);
          results.get(contestant.name()).add(result);
          stages.get(contestant.name()).add(timings);
          out.printf(
              "benchmark: %,d sessions run %d/%d %-25s %6.1f s  peak RSS %s%n",
              sessions,
              run,
              runs,
              contestant.name(),
              result.wallMillis() / 1000.0,
              result.peakRssBytes().isPresent()
                  ? (result.peakRssBytes().getAsLong() >> 20) + " MB"
                  : "n/a");
        }
      }
      for (Contestant contestant : timed) {
        BenchTruth read = contestant.ownCorpus().map(BenchTruth::read).orElse(truth);
        table.add(
            new BenchmarkTable.Cell(
                sessions,
                contestant.ownCorpus().isPresent(),
                read.records(),
                read.files(),
                contestant.name(),
                results.get(contestant.name()),
                stages.get(contestant.name())));
      }
    }
    String markdown = table.markdown();
    Files.writeString(work.resolve("benchmark.md"), markdown);
    out.println();
    out.print(markdown);
    out.printf(
        "(%d cores; %s; table also in %s)%n",
        Runtime.getRuntime().availableProcessors(),
        "alternating runs, wall time includes JVM start",
        work.resolve("benchmark.md"));
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.err.println("benchmark: " + f));
      return 1;
    }
    return 0;
  }

  /**
   * One untimed run of each contestant on a small corpus, so that one-time costs (the class-data
   * sharing archive the first local Spark JVM after a build writes, the OS file cache of the jars)
   * land in no timed run.
   */
  private void warmUp(
      List<Contestant> contestants, Path benchJar, List<String> failures, PrintStream out)
      throws IOException {
    Path corpus = CorpusCache.ensure(work, seed, WARM_UP_SESSIONS, benchJar, out);
    BenchTruth truth = BenchTruth.read(corpus);
    for (Contestant contestant : contestants) {
      MeasuredProcess.Result result =
          measure(
              contestant,
              corpus,
              truth,
              "warm-up-" + contestant.name(),
              failures,
              new LinkedHashMap<>());
      out.printf(
          "benchmark: warm-up %-9s %6.1f s on %,d sessions (not counted)%n",
          contestant.name(), result.wallMillis() / 1000.0, WARM_UP_SESSIONS);
    }
  }

  private MeasuredProcess.Result measure(
      Contestant contestant,
      Path corpus,
      BenchTruth truth,
      String label,
      List<String> failures,
      Map<String, Long> timings)
      throws IOException {
    Path output = work.resolve("runs").resolve(label);
    CorpusCache.deleteTree(output);
    Path logs = work.resolve("logs");
    MeasuredProcess.Result result =
        MeasuredProcess.run(
            contestant.curate(corpus, output, truth.zone()), logs.resolve(label + ".log"));
    if (result.exit() != 0) {
      failures.add(
          label + " failed (exit " + result.exit() + "); log " + logs.resolve(label + ".log"));
      return result;
    }
    MeasuredProcess.Result verify =
        MeasuredProcess.run(
            verifier.verify(contestant.table(output), corpus), logs.resolve(label + ".verify.log"));
    List<String> problems =
        verify.exit() == 0
            ? truth.mismatches(verify.output())
            : List.of("verification failed; log " + logs.resolve(label + ".verify.log"));
    problems.forEach(p -> failures.add(label + ": " + p));
    timings.putAll(stageTimings(output));
    if (!timings.isEmpty()) {
      System.out.println("benchmark: " + label + " stages ms " + timings);
    }
    result
        .output()
        .lines()
        .filter(l -> l.startsWith("duckdb: "))
        .forEach(l -> System.out.println("benchmark: " + label + " " + l));
    if (problems.isEmpty()) {
      CorpusCache.deleteTree(output);
    }
    return result;
  }

  /** The curate job's own stage timings from its run manifest (Lakesmith runs only). */
  private static Map<String, Long> stageTimings(Path output) throws IOException {
    Path manifests = output.resolve("_runs").resolve("events");
    Map<String, Long> timings = new LinkedHashMap<>();
    if (!Files.isDirectory(manifests)) {
      return timings;
    }
    try (Stream<Path> files = Files.list(manifests)) {
      Optional<Path> manifest = files.filter(f -> f.toString().endsWith(".json")).findFirst();
      if (manifest.isPresent()) {
        ConfigFactory.parseFile(manifest.get().toFile())
            .getObject("timings_ms")
            .unwrapped()
            .forEach((stage, ms) -> timings.put(stage, ((Number) ms).longValue()));
      }
    }
    return timings;
  }
}
