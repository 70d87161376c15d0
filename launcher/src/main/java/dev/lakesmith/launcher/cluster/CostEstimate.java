package dev.lakesmith.launcher.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rough cost of one cluster from configured per-hour prices: expected duration (startup plus
 * input over worker throughput) times the nodes' EC2 + EMR hourly rates. Not a quote: Spot prices
 * move, EBS and S3 requests are not included.
 */
public record CostEstimate(Duration duration, double dollars, List<String> unpricedTypes) {

  public static CostEstimate of(ClusterSize size, EmrSettings settings) {
    EmrSettings.Estimate e = settings.estimate();
    double workHours = size.inputBytes() / (double) (size.workers() * e.bytesPerWorkerHour());
    Duration duration = e.startup().plusSeconds((long) Math.ceil(workHours * 3600));
    double hours = duration.toSeconds() / 3600.0;
    EmrSettings.Instances inst = settings.instances();
    List<String> unpriced = new ArrayList<>();
    double perHour =
        rate(settings.prices(), inst.master(), 1, unpriced)
            + rate(settings.prices(), inst.core(), size.core(), unpriced)
            + rate(settings.prices(), inst.task(), size.task(), unpriced);
    return new CostEstimate(duration, perHour * hours, List.copyOf(unpriced));
  }

  private static double rate(
      EmrSettings.Prices prices, EmrSettings.Node node, int count, List<String> unpriced) {
    if (count == 0) {
      return 0;
    }
    var hourly = prices.hourly(node.type(), node.market().equals("SPOT"));
    if (hourly.isEmpty()) {
      unpriced.add(node.type());
      return 0;
    }
    return hourly.get() * count;
  }

  /** One line for the console. */
  public String describe() {
    String line =
        String.format(
            "estimated cost: $%.2f for about %d min (conf'd prices in lakesmith.emr.prices; not a"
                + " quote)",
            dollars, Math.max(1, duration.toMinutes()));
    return unpricedTypes.isEmpty()
        ? line
        : line + "; no price configured for " + String.join(", ", unpricedTypes);
  }
}
