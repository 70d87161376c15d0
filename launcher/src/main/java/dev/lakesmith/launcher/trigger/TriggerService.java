package dev.lakesmith.launcher.trigger;

import dev.lakesmith.core.layout.RawLayout;
import dev.lakesmith.launcher.cluster.ClusterLauncher;
import dev.lakesmith.launcher.cluster.EmrContext;
import dev.lakesmith.launcher.cluster.TriggerSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Events in, runs out: routes each object of an event and starts one launch per (dataset, slice)
 * whose marker arrived. Shared by the {@code trigger} command and {@link LambdaHandler}.
 */
public final class TriggerService {
  private final EmrContext context;
  private final ClusterLauncher launcher;
  private final PrintStream out;

  /** Every object's decision and the launches that followed. */
  public record Result(
      List<TriggerRouter.Decision> decisions, List<ClusterLauncher.Report> launches) {
    public List<TriggerRouter.Refuse> refused() {
      return decisions.stream()
          .filter(TriggerRouter.Refuse.class::isInstance)
          .map(TriggerRouter.Refuse.class::cast)
          .toList();
    }

    public boolean ok() {
      return refused().isEmpty() && launches.stream().allMatch(ClusterLauncher.Report::ok);
    }
  }

  public TriggerService(EmrContext context, ClusterLauncher launcher, PrintStream out) {
    this.context = context;
    this.launcher = launcher;
    this.out = out;
  }

  public Result handle(List<ObjectEvent> events, boolean wait) throws InterruptedException {
    TriggerSettings settings = TriggerSettings.from(context.config().source());
    List<RawLayout> layouts = new ArrayList<>();
    for (String dataset : settings.datasets()) {
      layouts.add(context.layout(dataset));
    }
    TriggerRouter router = new TriggerRouter(layouts, settings);
    List<TriggerRouter.Decision> decisions = new ArrayList<>();
    Set<List<String>> starts = new LinkedHashSet<>();
    if (events.isEmpty()) {
      out.println("lakesmith: the event holds no created objects; nothing to do");
    }
    for (ObjectEvent event : events) {
      TriggerRouter.Decision d = router.route(event);
      decisions.add(d);
      if (d instanceof TriggerRouter.Start s) {
        out.printf(
            "lakesmith: %s: marker of %s %s, starting its run%n", event, s.dataset(), s.slice());
        starts.add(List.of(s.dataset(), s.slice()));
      } else if (d instanceof TriggerRouter.Acknowledge a) {
        out.printf(
            "lakesmith: %s: data of %s %s, acknowledged (its run starts when %s arrives)%n",
            event, a.dataset(), a.slice(), settings.marker());
      }
    }
    List<ClusterLauncher.Report> launches = new ArrayList<>();
    for (List<String> start : starts) {
      launches.add(
          launcher.launch(
              new ClusterLauncher.Request(
                  start.get(0), List.of(start.get(1)), false, false, wait)));
    }
    return new Result(decisions, launches);
  }
}
