package dev.lakesmith.jobs.validate;

/**
 * Values that can never name a partition directory, whatever a dataset's {@code
 * partition-value-pattern} allows: a widened pattern must not let a record write outside its table
 * ({@code ..}), into its parent ({@code .}), into a nested directory ({@code /}, {@code \}), or
 * create a directory that readers split differently ({@code =}) or cannot show (control characters,
 * the empty name).
 */
final class PartitionValues {
  private PartitionValues() {}

  static boolean safe(String value) {
    if (value.isEmpty() || value.equals(".") || value.equals("..")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\' || c == '=' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }
}
