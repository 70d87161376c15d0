package dev.lakesmith.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates user sessions as a Markov process over event names.
 *
 * <p>anonymous_visited → anonymous_visited 40% / account_created 40% / lost 20%; account_created →
 * measurement_recorded 70% / lost 30%; measurement_recorded → measurement_recorded 90% / lost 10%
 * (7 events per session on average).
 */
final class SessionSimulator {
  static final String VISITED = "anonymous_visited";
  static final String CREATED = "account_created";
  static final String MEASURED = "measurement_recorded";
  static final List<String> NAMES = List.of(VISITED, CREATED, MEASURED);

  private static final String[] OS = {"ios", "android", "web"};
  private static final String[] PAGES = {"/", "/pricing", "/features", "/blog", "/signup"};

  private final ZoneId zone;
  private final SplittableRandom rng;
  private final Records records;

  SessionSimulator(ZoneId zone, SplittableRandom rng, Records records) {
    this.zone = zone;
    this.rng = rng;
    this.records = records;
  }

  /** {@code sessions} sessions starting in [from, to) with a daily cycle (evening peak). */
  List<Event> simulate(int sessions, Instant from, Instant to) {
    List<Event> out = new ArrayList<>(sessions * 8);
    long spanMillis = to.toEpochMilli() - from.toEpochMilli();
    for (int s = 0; s < sessions; s++) {
      Instant t;
      do {
        t = from.plusMillis((long) (rng.nextDouble() * spanMillis));
      } while (rng.nextDouble() > dailyWeight(t));
      session(t, out);
    }
    return out;
  }

  private double dailyWeight(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    double hour = z.getHour() + z.getMinute() / 60.0;
    double c = 0.5 + 0.5 * Math.cos(2 * Math.PI * (hour - 19.5) / 24.0);
    return 0.12 + 0.88 * c * Math.sqrt(c);
  }

  private void session(Instant start, List<Event> out) {
    Device d = newDevice();
    String state = VISITED;
    String account = null;
    Instant t = start;
    while (state != null) {
      if (state.equals(CREATED)) {
        account = Records.uuid(rng);
      }
      LocalDateTime local = d.truncate(LocalDateTime.ofInstant(t, zone));
      out.add(event(state, local, t, d, account, Event.Dst.NONE));
      state = next(state);
      t = t.plusMillis(gapMillis());
    }
  }

  private String next(String state) {
    double p = rng.nextDouble();
    return switch (state) {
      case VISITED -> p < 0.4 ? VISITED : p < 0.8 ? CREATED : null;
      case CREATED -> p < 0.7 ? MEASURED : null;
      default -> p < 0.9 ? MEASURED : null;
    };
  }

  /** Seconds to minutes between two events of a session. */
  private long gapMillis() {
    double mean = rng.nextDouble() < 0.85 ? 40_000 : 240_000;
    return 1_000 + (long) (-Math.log(1 - rng.nextDouble()) * mean);
  }

  /**
   * A short session of a visit, an account and measurements whose naive times all sit in
   * [localFrom, localTo) of the given DST transition. {@code laterOffset} places the real instants
   * in the second pass of a fold.
   */
  List<Event> injected(
      Event.Dst dst, LocalDateTime localFrom, LocalDateTime localTo, boolean laterOffset) {
    List<Event> out = new ArrayList<>();
    Device d = newDevice();
    long roomSeconds = ChronoUnit.SECONDS.between(localFrom, localTo);
    LocalDateTime local = localFrom.plusSeconds(roomSeconds / 6 + rng.nextLong(roomSeconds / 3));
    String account = null;
    int n = 3 + rng.nextInt(3);
    for (int i = 0; i < n; i++) {
      String name = i == 0 ? VISITED : i == 1 ? CREATED : MEASURED;
      if (i == 1) {
        account = Records.uuid(rng);
      }
      ZonedDateTime z = local.atZone(zone);
      Instant happened = (laterOffset ? z.withLaterOffsetAtOverlap() : z).toInstant();
      out.add(event(name, d.truncate(local), happened, d, account, dst));
      local = local.plusSeconds(5 + rng.nextInt(60)).plusNanos(rng.nextInt(1000) * 1_000_000L);
      if (!local.isBefore(localTo)) {
        break;
      }
    }
    return out;
  }

  private Event event(
      String name, LocalDateTime local, Instant happened, Device d, String account, Event.Dst dst) {
    String payload = payload(name, d, account);
    return new Event(name, local, happened, payload, records.md5Hex(payload), dst);
  }

  /**
   * Visits carry only coarse fields, so many distinct visits share a payload (and payload_md5);
   * later events identify the session and account.
   */
  private String payload(String name, Device d, String account) {
    return Records.json(
        json -> {
          json.writeStartObject();
          json.writeStringField("dvce_os", d.os);
          switch (name) {
            case VISITED -> json.writeStringField("page", PAGES[rng.nextInt(PAGES.length)]);
            case CREATED -> {
              json.writeStringField("account_id", account);
              json.writeStringField("session_id", d.sessionId);
            }
            default -> {
              json.writeStringField("account_id", account);
              json.writeStringField("session_id", d.sessionId);
              json.writeFieldName("measurement");
              json.writeNumber(String.format(Locale.ROOT, "%.1f", 40 + rng.nextDouble() * 140));
            }
          }
          json.writeEndObject();
        });
  }

  private Device newDevice() {
    double p = rng.nextDouble();
    String os = p < 0.45 ? OS[0] : p < 0.85 ? OS[1] : OS[2];
    return new Device(os, Records.uuid(rng), rng.nextBoolean());
  }

  /** A device: its OS, the session it runs, and whether its clock has millisecond precision. */
  private record Device(String os, String sessionId, boolean millis) {
    LocalDateTime truncate(LocalDateTime t) {
      return t.truncatedTo(millis ? ChronoUnit.MILLIS : ChronoUnit.SECONDS);
    }
  }
}
