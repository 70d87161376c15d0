package dev.lakesmith.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The keys a configuration may have, so a mistyped key is an error instead of a setting nobody
 * reads. Derived from the embedded defaults: every key of conf/lakesmith.conf (and the files it
 * includes) is known, {@code dataset-defaults} is the template of every dataset block, and the keys
 * only a dataset block has (its table, source, columns...) are declared here, next to the open maps
 * whose entries are free names (Spark settings, a hospital's zone, a tag).
 */
public final class ConfigSchema {

  /** Where a key's value sits in the schema. */
  sealed interface Node {}

  /** Any value; its type is checked by the code reading it. */
  record Leaf() implements Node {}

  /** An object with exactly these keys. */
  record Obj(Map<String, Node> keys) implements Node {
    Obj {
      keys = new TreeMap<>(keys);
    }
  }

  /** An object whose entries are free names; each entry's value follows {@code entry} (if any). */
  record Entries(Optional<Node> entry) implements Node {}

  /** A list whose elements follow {@code element}. */
  record Elements(Node element) implements Node {}

  private static final Leaf LEAF = new Leaf();
  private static final Entries FREE = new Entries(Optional.empty());

  /**
   * Settings of the embedded tree outside dataset blocks whose entries are free-form names, so conf
   * files and {@code --conf} may add entries to them; {@code *} stands for one path element.
   */
  static final List<List<String>> OPEN_MAPS =
      Stream.of(
              "lakesmith.spark",
              "lakesmith.local.spark-conf",
              "lakesmith.emr.tags",
              "lakesmith.emr.prices",
              "lakesmith.emr.configurations",
              "lakesmith.emr.configurations.*")
          .map(pattern -> List.of(pattern.split("\\.")))
          .toList();

  private static final Obj ZONE_FROM = obj(Map.of("column", LEAF, "zones", FREE, "default", LEAF));

  /** Keys of one element of a dataset's {@code columns}. */
  private static final Obj COLUMN =
      obj(
          Map.ofEntries(
              Map.entry("name", LEAF),
              Map.entry("type", LEAF),
              Map.entry("required", LEAF),
              Map.entry("path", LEAF),
              Map.entry("join", LEAF),
              Map.entry("formats", LEAF),
              Map.entry("zone", LEAF),
              Map.entry("zone-from", ZONE_FROM),
              Map.entry("epoch-unit", LEAF),
              Map.entry("match", LEAF),
              Map.entry("text-column", LEAF),
              Map.entry("opaque", LEAF)));

  /**
   * Keys of a dataset block that have no default in {@code dataset-defaults}. {@code
   * source.options} is free here: which options exist depends on the source's formats, so the
   * dataset parser checks them ({@link SourceSpec#OPTIONS}).
   */
  private static final Obj DATASET_OWN =
      obj(
          Map.ofEntries(
              Map.entry("table", LEAF),
              Map.entry("input", LEAF),
              Map.entry(
                  "source",
                  obj(
                      Map.of(
                          "format", LEAF,
                          "path", LEAF,
                          "options", FREE,
                          "format-by-extension", FREE,
                          "path-values",
                              new Entries(
                                  Optional.of(obj(Map.of("regex", LEAF, "template", LEAF))))))),
              Map.entry("columns", new Elements(COLUMN)),
              Map.entry("event-time", LEAF),
              Map.entry("partition-by", LEAF),
              Map.entry("dedupe", obj(Map.of("key", LEAF))),
              Map.entry("zone-from", ZONE_FROM)));

  private final Obj root;

  private ConfigSchema(Obj root) {
    this.root = root;
  }

  /** The schema of configurations layered over {@code defaults} (the resolved embedded conf). */
  public static ConfigSchema of(Config defaults) {
    ConfigObject lakesmith = defaults.getObject("lakesmith");
    Map<String, Node> keys = new LinkedHashMap<>(derive(lakesmith, List.of("lakesmith")).keys());
    Node template = derive(defaults.getObject("lakesmith.dataset-defaults"), List.of());
    keys.put("datasets", new Entries(Optional.of(merge(template, DATASET_OWN))));
    return new ConfigSchema(obj(Map.of("lakesmith", obj(keys))));
  }

  /**
   * The first unknown key of {@code config} (in key order), as one line naming where it was set and
   * the nearest known key; empty when every key is known.
   */
  public Optional<String> firstUnknown(Config config) {
    return firstUnknown(config.root(), root, List.of());
  }

  /**
   * Why {@code path} (a key as given on the command line) names no setting, e.g. {@code '...' is
   * not a configuration key; did you mean 'max-bad-fraction'?}; empty when it names one.
   */
  public Optional<String> unknownPath(List<String> path) {
    Node node = root;
    for (int i = 0; i < path.size(); i++) {
      if (node instanceof Obj obj) {
        node = obj.keys().get(path.get(i));
        if (node == null) {
          return Optional.of(unknown(path.subList(0, i + 1), obj));
        }
      } else if (node instanceof Entries entries && entries.entry().isPresent()) {
        node = entries.entry().get();
      } else if (node instanceof Leaf) {
        return Optional.of(
            "'"
                + render(path)
                + "' is not a configuration key: '"
                + render(path.subList(0, i))
                + "' takes a value, not keys");
      } else {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstUnknown(ConfigValue value, Node node, List<String> path) {
    if (node instanceof Obj obj && value instanceof ConfigObject object) {
      for (String key : new TreeSet<>(object.keySet())) {
        List<String> child = append(path, key);
        Node known = obj.keys().get(key);
        Optional<String> problem =
            known == null
                ? Optional.of(origin(object.get(key).origin()) + unknown(child, obj))
                : firstUnknown(object.get(key), known, child);
        if (problem.isPresent()) {
          return problem;
        }
      }
    } else if (node instanceof Entries entries
        && entries.entry().isPresent()
        && value instanceof ConfigObject object) {
      for (String key : new TreeSet<>(object.keySet())) {
        Optional<String> problem =
            firstUnknown(object.get(key), entries.entry().get(), append(path, key));
        if (problem.isPresent()) {
          return problem;
        }
      }
    } else if (node instanceof Elements elements && value instanceof ConfigList list) {
      for (int i = 0; i < list.size(); i++) {
        List<String> element = new ArrayList<>(path);
        int last = element.size() - 1;
        element.set(last, element.get(last) + "[" + i + "]");
        Optional<String> problem = firstUnknown(list.get(i), elements.element(), element);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    // A value of another type than the schema's is left to the code reading it.
    return Optional.empty();
  }

  /** {@code 'a.b.typo' is not a configuration key; did you mean 'type'?} */
  private static String unknown(List<String> path, Obj parent) {
    String key = path.get(path.size() - 1);
    String text = "'" + render(path) + "' is not a configuration key";
    if (path.size() == 1) {
      return text + "; keys start with 'lakesmith.'";
    }
    Optional<String> nearest = nearest(key, parent.keys().keySet());
    return nearest
        .map(n -> text + "; did you mean '" + n + "'?")
        .orElseGet(() -> text + "; known keys here: " + String.join(", ", parent.keys().keySet()));
  }

  /** The known key closest to {@code key} by edit distance, if it is close enough to be a typo. */
  static Optional<String> nearest(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(key, candidate);
      if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, key.length() / 3);
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Edit distance, a swap of two neighbouring letters counting as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** {@code site.conf:3: } for a file, the resource for embedded conf, the flag for --conf. */
  private static String origin(ConfigOrigin origin) {
    String name =
        origin.filename() != null
            ? origin.filename()
            : origin.resource() != null ? origin.resource() : origin.description();
    return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() + ": " : name + ": ";
  }

  private static Obj derive(ConfigObject object, List<String> path) {
    Map<String, Node> keys = new TreeMap<>();
    object.forEach((key, value) -> keys.put(key, derive(value, append(path, key))));
    return obj(keys);
  }

  private static Node derive(ConfigValue value, List<String> path) {
    if (OPEN_MAPS.stream().anyMatch(pattern -> matches(pattern, path))) {
      Node entry = null;
      if (value instanceof ConfigObject object) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
          if (e.getValue().valueType() == ConfigValueType.OBJECT) {
            Node derived = derive(e.getValue(), append(path, e.getKey()));
            entry = entry == null ? derived : merge(entry, derived);
          }
        }
      }
      return new Entries(Optional.ofNullable(entry));
    }
    return value instanceof ConfigObject object ? derive(object, path) : LEAF;
  }

  private static Node merge(Node a, Node b) {
    if (a instanceof Obj x && b instanceof Obj y) {
      Map<String, Node> keys = new TreeMap<>(x.keys());
      y.keys().forEach((key, node) -> keys.merge(key, node, ConfigSchema::merge));
      return obj(keys);
    }
    return a instanceof Leaf ? b : a;
  }

  private static boolean matches(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < path.size(); i++) {
      if (!pattern.get(i).equals("*") && !pattern.get(i).equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> append(List<String> path, String key) {
    return Stream.concat(path.stream(), Stream.of(key)).toList();
  }

  private static Obj obj(Map<String, Node> keys) {
    return new Obj(keys);
  }

  /**
   * A key as written in conf: elements holding a dot are quoted ({@code emr.prices."m7g.xlarge"}).
   */
  private static String render(List<String> path) {
    return String.join(".", path.stream().map(k -> k.contains(".") ? "\"" + k + "\"" : k).toList());
  }
}
