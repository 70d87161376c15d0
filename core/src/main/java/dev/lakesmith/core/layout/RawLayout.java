package dev.lakesmith.core.layout;

import dev.lakesmith.core.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dataset's raw objects sit in S3 and which arrival date an object key belongs to: the
 * dataset's source path ({@code events_raw/json/name=*}{@code /d={yyyy}-{MM}-{dd}}) below its input
 * root, read the way the job's listing reads it (Hadoop glob {@code *} within one path segment,
 * files at any depth below a matched directory, names starting with {@code _} or {@code .} hidden).
 * The launcher uses it to size clusters and to route S3 events to a slice without running Spark.
 */
public final class RawLayout {
  private final String dataset;
  private final S3Location root;
  private final String pathPattern;
  private final String listPrefix;

  /** Regexes for the pattern's leading segments, longest first (each has a year and a month). */
  private final List<Prefix> prefixes;

  private record Prefix(Pattern regex, boolean full, boolean hasDay) {}

  /** A key's place in the layout. {@code day} is empty when the matched directory has no day. */
  public record Placement(
      String dataset,
      String year,
      String month,
      Optional<String> day,
      String fileName,
      boolean underFullPattern) {
    public String monthSlice() {
      return year + "-" + month;
    }

    public Optional<String> daySlice() {
      return day.map(d -> monthSlice() + "-" + d);
    }

    /** Hidden objects ({@code _SUCCESS}, {@code .tmp}) are never read by the job. */
    public boolean hidden() {
      return HiddenNames.hidden(fileName);
    }

    /** Whether the job reads this object (non-empty objects only; size is the caller's). */
    public boolean readByJob() {
      return underFullPattern && !hidden();
    }

    /** Whether this object is part of {@code slice} ({@code yyyy-MM} or {@code yyyy-MM-dd}). */
    public boolean in(String slice) {
      return slice.length() == 7
          ? slice.equals(monthSlice())
          : daySlice().equals(Optional.of(slice));
    }
  }

  public RawLayout(String dataset, S3Location root, String pathPattern) {
    this.dataset = dataset;
    this.root = root;
    this.pathPattern = pathPattern;
    String[] segments = pathPattern.split("/");
    this.prefixes = new ArrayList<>();
    for (int k = segments.length; k >= 1; k--) {
      StringBuilder regex = new StringBuilder("^").append(Pattern.quote(root.prefix()));
      for (int i = 0; i < k; i++) {
        regex.append(i == 0 ? "" : "/").append(segmentRegex(segments[i]));
      }
      String r = regex.toString();
      if (r.contains("(?<y>") && r.contains("(?<m>")) {
        prefixes.add(
            new Prefix(
                Pattern.compile(r + "(?:/(?<rest>.+))?$"),
                k == segments.length,
                r.contains("(?<d>")));
      }
    }
    if (prefixes.isEmpty()) {
      throw JobFailure.config(
          "dataset '"
              + dataset
              + "' source path '"
              + pathPattern
              + "' has no {yyyy} and {MM}; the launcher cannot tell slices apart");
    }
    int wild = firstWildcard(pathPattern);
    String literal = pathPattern.substring(0, wild);
    this.listPrefix = root.prefix() + literal.substring(0, literal.lastIndexOf('/') + 1);
  }

  public String dataset() {
    return dataset;
  }

  public S3Location root() {
    return root;
  }

  /** The longest literal key prefix every object of the dataset shares: what to list. */
  public String listPrefix() {
    return listPrefix;
  }

  /** Where {@code key} (in the root's bucket) belongs, if it is part of the layout at all. */
  public Optional<Placement> place(String bucket, String key) {
    if (!bucket.equals(root.bucket()) || key.endsWith("/")) {
      return Optional.empty(); // another bucket, or a folder marker: nothing the job reads
    }
    for (Prefix prefix : prefixes) {
      Matcher m = prefix.regex().matcher(key);
      if (!m.matches()) {
        continue;
      }
      String rest = m.group("rest");
      if (rest == null && !prefix.full()) {
        continue; // a directory-like key above the data, not an object in the layout
      }
      if (rest != null && hiddenDirectory(rest)) {
        continue;
      }
      String name = key.substring(key.lastIndexOf('/') + 1);
      Optional<String> day = prefix.hasDay() ? Optional.of(m.group("d")) : Optional.empty();
      return Optional.of(
          new Placement(dataset, m.group("y"), m.group("m"), day, name, prefix.full()));
    }
    return Optional.empty();
  }

  private static boolean hiddenDirectory(String rest) {
    String[] parts = rest.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (HiddenNames.hidden(parts[i])) {
        return true;
      }
    }
    return false;
  }

  private static int firstWildcard(String pattern) {
    int best = pattern.length();
    for (String token : List.of("*", "?", "{", "[")) {
      int i = pattern.indexOf(token);
      if (i >= 0) {
        best = Math.min(best, i);
      }
    }
    return best;
  }

  private static String segmentRegex(String segment) {
    StringBuilder r = new StringBuilder();
    int i = 0;
    while (i < segment.length()) {
      if (segment.startsWith("{yyyy}", i)) {
        r.append("(?<y>\\d{4})");
        i += 6;
      } else if (segment.startsWith("{MM}", i)) {
        r.append("(?<m>\\d{2})");
        i += 4;
      } else if (segment.startsWith("{dd}", i)) {
        r.append("(?<d>\\d{2})");
        i += 4;
      } else if (segment.charAt(i) == '*') {
        r.append("[^/]*");
        i++;
      } else if (segment.charAt(i) == '?') {
        r.append("[^/]");
        i++;
      } else {
        r.append(Pattern.quote(String.valueOf(segment.charAt(i))));
        i++;
      }
    }
    return r.toString();
  }

  @Override
  public String toString() {
    return root + "/" + pathPattern;
  }
}
