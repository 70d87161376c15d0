package dev.lakesmith.core.invocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several job steps run one after another in one Spark application, as {@code local} runs a plan of
 * more than one step: one JVM, one Spark context and one JIT warm-up instead of one per step (on 2
 * cores a second JVM and context cost about 4 s of a sample-data run). The steps are the same entry
 * points with the same arguments EMR runs as separate steps. This class is the contract between the
 * launcher, which writes the chain's command line and reads its step lines, and the job's chain
 * entry point, which does the opposite.
 */
public final class StepChain {
  /** The job's entry point for a chain. */
  public static final String MAIN_CLASS = "dev.lakesmith.jobs.StepChainJob";

  private static final Pattern STARTED =
      Pattern.compile("^lakesmith: step (\\S+) \\((\\d+) of (\\d+)\\) started(: .*)?$");

  private StepChain() {}

  /** One step of a chain: the entry point's step name and its command line. */
  public record Step(String name, List<String> args) {
    public Step {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("step name '" + name + "' must be one word");
      }
      args = List.copyOf(args);
    }
  }

  /** The chain's command line: for each step its name, its argument count, then its arguments. */
  public static List<String> args(List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one step");
    }
    List<String> args = new ArrayList<>();
    for (Step step : steps) {
      args.add(step.name());
      args.add(Integer.toString(step.args().size()));
      args.addAll(step.args());
    }
    return args;
  }

  /** The steps of a chain's command line, refused with the reason when it is not one. */
  public static List<Step> parse(List<String> args) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < args.size()) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("step '" + name + "' has no argument count");
      }
      int count;
      try {
        count = Integer.parseInt(args.get(i + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "step '" + name + "': '" + args.get(i + 1) + "' is not an argument count");
      }
      int from = i + 2;
      if (count < 0 || from + count > args.size()) {
        throw new IllegalArgumentException(
            "step '"
                + name
                + "' announces "
                + count
                + " arguments, "
                + (args.size() - from)
                + " follow");
      }
      steps.add(new Step(name, args.subList(from, from + count)));
      i = from + count;
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one step");
    }
    return steps;
  }

  /** The console line saying step {@code number} of {@code of} started, and what it does first. */
  public static String started(String step, int number, int of, String doing) {
    return String.format(
        Locale.ROOT, "lakesmith: step %s (%d of %d) started: %s", step, number, of, doing);
  }

  /** The console line saying a step is done, and how long it took. */
  public static String done(String step, Duration took) {
    return String.format(
        Locale.ROOT, "lakesmith: step %s done in %.1f s", step, took.toMillis() / 1000.0);
  }

  /** The step a {@link #started} line names, if {@code line} is one. */
  public static Optional<String> startedStep(String line) {
    Matcher matcher = STARTED.matcher(line);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
