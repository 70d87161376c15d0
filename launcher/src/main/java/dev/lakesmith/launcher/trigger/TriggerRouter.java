package dev.lakesmith.launcher.trigger;

import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.launcher.cluster.TriggerSettings;
import java.util.List;
import java.util.Optional;

/**
 * Decides what an arrived object means. Objects outside every triggerable dataset's raw layout are
 * refused; data objects are acknowledged and ignored (a month of files must not start a run per
 * file); the completion marker starts its slice.
 */
public final class TriggerRouter {
  /** What to do about one object. */
  public sealed interface Decision permits Start, Acknowledge, Refuse {}

  /** The marker of a slice: start (at most one cluster, the claim sees to that). */
  public record Start(ObjectEvent event, String dataset, String slice) implements Decision {}

  /** A data object of a slice: nothing to do until the marker. */
  public record Acknowledge(ObjectEvent event, String dataset, String slice) implements Decision {}

  /** Not ours. */
  public record Refuse(ObjectEvent event, String reason) implements Decision {}

  private final List<RawLayout> layouts;
  private final TriggerSettings settings;

  public TriggerRouter(List<RawLayout> layouts, TriggerSettings settings) {
    this.layouts = List.copyOf(layouts);
    this.settings = settings;
  }

  public Decision route(ObjectEvent event) {
    for (RawLayout layout : layouts) {
      Optional<RawLayout.Placement> p = layout.place(event.bucket(), event.key());
      if (p.isEmpty()) {
        continue;
      }
      RawLayout.Placement placement = p.get();
      String slice =
          settings.daySlices()
              ? placement.daySlice().orElse(placement.monthSlice())
              : placement.monthSlice();
      if (placement.fileName().equals(settings.marker())) {
        return new Start(event, layout.dataset(), slice);
      }
      return new Acknowledge(event, layout.dataset(), slice);
    }
    return new Refuse(
        event,
        "not under the raw input of a triggerable dataset ("
            + String.join(", ", layouts.stream().map(RawLayout::toString).toList())
            + "); see lakesmith.emr.trigger.datasets");
  }
}
