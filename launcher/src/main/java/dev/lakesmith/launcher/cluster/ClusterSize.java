package dev.lakesmith.launcher.cluster;

/**
 * Nodes for one cluster, derived from the raw input bytes it will read: core nodes (On-Demand) up
 * to {@code max-core}, the rest as task nodes (Spot by default) up to {@code max-task}.
 */
public record ClusterSize(long inputBytes, int workers, int core, int task) {

  public static ClusterSize forInput(long inputBytes, EmrSettings.Sizing sizing) {
    if (inputBytes < 0) {
      throw new IllegalArgumentException("input bytes must be >= 0: " + inputBytes);
    }
    long wanted = Math.max(1, ceilDiv(inputBytes, sizing.bytesPerWorker()));
    int core = (int) Math.max(sizing.minCore(), Math.min(wanted, sizing.maxCore()));
    int task = (int) Math.min(Math.max(0, wanted - core), sizing.maxTask());
    return new ClusterSize(inputBytes, core + task, core, task);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** e.g. "1 master + 2 core + 3 task (Spot) for 40.0 GB of input". */
  public String describe(EmrSettings.Instances instances) {
    return String.format(
        "1 master %s + %d core %s + %d task %s (%s) for %s of input",
        instances.master().type(),
        core,
        instances.core().type(),
        task,
        instances.task().type(),
        instances.task().market(),
        bytes(inputBytes));
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
