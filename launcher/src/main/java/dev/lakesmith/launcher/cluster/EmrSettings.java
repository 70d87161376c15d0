package dev.lakesmith.launcher.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import dev.lakesmith.core.JobFailure;
import dev.lakesmith.core.config.ConfigEnums;
import dev.lakesmith.core.layout.S3Location;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code lakesmith.emr} block (conf/emr.conf): everything a transient cluster is built from.
 * AWS region, credentials and endpoints are deliberately absent: they come from the SDK chain.
 */
public record EmrSettings(
    String releaseLabel,
    String namePrefix,
    String inputRoot,
    String output,
    S3Location staging,
    String logUri,
    String serviceRole,
    String instanceProfile,
    Optional<String> securityConfiguration,
    List<String> subnetIds,
    Duration idleTimeout,
    Instances instances,
    Sizing sizing,
    Prices prices,
    Estimate estimate,
    Map<String, Map<String, String>> configurations,
    Map<String, String> tags,
    Poll poll,
    Duration claimTimeout) {

  public EmrSettings {
    subnetIds = List.copyOf(subnetIds);
    configurations = Collections.unmodifiableMap(new TreeMap<>(configurations));
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    if (!logUri.startsWith("s3://")) {
      throw JobFailure.config(
          "lakesmith.emr.log-uri '" + logUri + "' is not an s3:// URI; use e.g. s3://my-logs/emr/");
    }
    long idle = idleTimeout.toSeconds();
    if (idle < 60 || idle > 604_800) {
      throw JobFailure.config(
          "lakesmith.emr.idle-timeout "
              + idleTimeout
              + " is outside EMR's 60 s .. 7 d range; use e.g. 15m");
    }
  }

  /** How the cluster's nodes are declared to EMR. */
  enum Collection {
    INSTANCE_GROUPS,
    INSTANCE_FLEETS
  }

  /** How a node role is bought (conf spells it ON_DEMAND or on-demand, SPOT or spot). */
  enum Market {
    ON_DEMAND,
    SPOT
  }

  /** One node role: instance type, EBS gp3 size, market, and (fleets) alternative types. */
  public record Node(String type, int ebsGb, String market, List<String> alternativeTypes) {
    public Node {
      alternativeTypes = List.copyOf(alternativeTypes);
      if (!market.equals("ON_DEMAND") && !market.equals("SPOT")) {
        throw JobFailure.config("instance market '" + market + "' must be ON_DEMAND or SPOT");
      }
    }

    /** The primary type first, then the alternatives. */
    public List<String> allTypes() {
      return java.util.stream.Stream.concat(
              java.util.stream.Stream.of(type), alternativeTypes.stream())
          .distinct()
          .toList();
    }
  }

  /** Master, core and task nodes; {@code fleets} selects instance fleets over instance groups. */
  public record Instances(boolean fleets, Node master, Node core, Node task) {}

  /** How input bytes become a node count. */
  public record Sizing(long bytesPerWorker, int minCore, int maxCore, int maxTask) {
    public Sizing {
      if (bytesPerWorker <= 0 || minCore < 1 || maxCore < minCore || maxTask < 0) {
        throw JobFailure.config(
            "lakesmith.emr.sizing needs bytes-per-worker > 0 and 1 <= min-core <= max-core,"
                + " max-task >= 0; got "
                + this);
      }
    }
  }

  /** USD per instance-hour, EC2 and EMR surcharge, per type; Spot as a fraction of On-Demand. */
  public record Prices(Map<String, Double> ec2, Map<String, Double> emr, double spotFraction) {
    public Prices {
      ec2 = Map.copyOf(ec2);
      emr = Map.copyOf(emr);
    }

    public Optional<Double> hourly(String type, boolean spot) {
      if (!ec2.containsKey(type)) {
        return Optional.empty();
      }
      return Optional.of(ec2.get(type) * (spot ? spotFraction : 1.0) + emr.getOrDefault(type, 0.0));
    }
  }

  /** Expected duration: startup plus bytes over the workers' throughput. */
  public record Estimate(Duration startup, long bytesPerWorkerHour) {}

  /** Polling backoff while waiting, and the heartbeat of progress lines. */
  public record Poll(Duration initial, Duration max, Duration heartbeat) {}

  public static EmrSettings from(Config root) {
    try {
      Config c = root.getConfig("lakesmith.emr");
      Config inst = c.getConfig("instances");
      Collection collection =
          ConfigEnums.parse(
              Collection.class, inst.getString("collection"), "lakesmith.emr.instances.collection");
      String security = c.getString("security-configuration");
      return new EmrSettings(
          c.getString("release-label"),
          c.getString("name-prefix"),
          c.getString("input-root"),
          c.getString("output"),
          S3Location.parse(c.getString("staging"), "lakesmith.emr.staging"),
          c.getString("log-uri"),
          c.getString("service-role"),
          c.getString("instance-profile"),
          security.isBlank() ? Optional.empty() : Optional.of(security),
          c.getStringList("subnet-ids"),
          c.getDuration("idle-timeout"),
          new Instances(
              collection == Collection.INSTANCE_FLEETS,
              node(inst, "master"),
              node(inst, "core"),
              node(inst, "task")),
          new Sizing(
              c.getBytes("sizing.bytes-per-worker"),
              c.getInt("sizing.min-core"),
              c.getInt("sizing.max-core"),
              c.getInt("sizing.max-task")),
          prices(c.getConfig("prices")),
          new Estimate(
              c.getDuration("estimate.startup"), c.getBytes("estimate.bytes-per-worker-hour")),
          configurations(c.getConfig("configurations")),
          strings(c.getConfig("tags")),
          new Poll(
              c.getDuration("poll.initial"),
              c.getDuration("poll.max"),
              c.getDuration("poll.heartbeat")),
          c.getDuration("claim-timeout"));
    } catch (ConfigException e) {
      throw JobFailure.config("configuration error in lakesmith.emr: " + e.getMessage());
    }
  }

  private static Node node(Config instances, String role) {
    Config n = instances.getConfig(role);
    String key = "lakesmith.emr.instances." + role + ".market";
    return new Node(
        n.getString("type"),
        n.getInt("ebs-gb"),
        ConfigEnums.parse(Market.class, n.getString("market").replace('_', '-'), key).name(),
        n.getStringList("alternative-types"));
  }

  private static Prices prices(Config p) {
    Map<String, Double> ec2 = new LinkedHashMap<>();
    Map<String, Double> emr = new LinkedHashMap<>();
    p.root()
        .forEach(
            (type, value) -> {
              if (value.valueType() == ConfigValueType.OBJECT) {
                Config t = p.getConfig("\"" + type + "\"");
                ec2.put(type, t.getDouble("ec2"));
                emr.put(type, t.hasPath("emr") ? t.getDouble("emr") : 0.0);
              }
            });
    return new Prices(ec2, emr, p.getDouble("spot-fraction"));
  }

  private static Map<String, Map<String, String>> configurations(Config c) {
    Map<String, Map<String, String>> result = new TreeMap<>();
    c.root().keySet().forEach(cls -> result.put(cls, strings(c.getConfig("\"" + cls + "\""))));
    return result;
  }

  private static Map<String, String> strings(Config c) {
    Map<String, String> result = new TreeMap<>();
    c.root().forEach((k, v) -> result.put(k, String.valueOf(v.unwrapped())));
    return Collections.unmodifiableMap(result);
  }
}
