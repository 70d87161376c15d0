package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value taken from a raw file's path, for layouts that keep facts in folder names without being
 * Hive-style ({@code session_17-05-12/}). Columns read it with {@code path = "_path.<name>"}.
 *
 * @param regex searched in the file's full path
 * @param template the value: {@code $1}, {@code $2}… are the regex's groups
 */
public record PathValue(String name, String regex, String template) implements Serializable {
  public static final String NAMESPACE = "_path";
  private static final Pattern GROUP = Pattern.compile("\\$(\\d)");

  public PathValue {
    Names.identifier(name, "path-values name");
    try {
      int groups = Pattern.compile(regex).matcher("").groupCount();
      Matcher refs = GROUP.matcher(template);
      while (refs.find()) {
        if (Integer.parseInt(refs.group(1)) > groups) {
          throw JobFailure.config(
              "path-values '"
                  + name
                  + "': template '"
                  + template
                  + "' uses $"
                  + refs.group(1)
                  + " but regex '"
                  + regex
                  + "' has "
                  + groups
                  + " groups");
        }
      }
    } catch (PatternSyntaxException | NullPointerException e) {
      throw JobFailure.config(
          "path-values '"
              + name
              + "': '"
              + regex
              + "' is not a regex; use e.g. \"/session_([0-9-]+)/\"");
    }
  }

  /** The value for a file path, or empty when the path does not match. */
  public Optional<String> extract(String filePath) {
    Matcher m = Pattern.compile(regex).matcher(filePath);
    if (!m.find()) {
      return Optional.empty();
    }
    StringBuilder value = new StringBuilder();
    Matcher refs = GROUP.matcher(template);
    while (refs.find()) {
      String group = m.group(Integer.parseInt(refs.group(1)));
      refs.appendReplacement(value, Matcher.quoteReplacement(group == null ? "" : group));
    }
    refs.appendTail(value);
    return Optional.of(value.toString());
  }
}
