package dev.lakesmith.core.config;

import dev.lakesmith.core.JobFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one way an enum-valued setting is read: conf spells constants in lower case with '-' for '_'
 * ({@code earliest-ingested}), and a value that is none of them is a configuration error naming the
 * key, the value and every allowed value.
 */
public final class ConfigEnums {
  private ConfigEnums() {}

  /**
   * The constant spelled {@code value}.
   *
   * @param key the full configuration key, e.g. {@code lakesmith.datasets.events.dst-overlap}
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
    String spelled = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (spelling(constant).equals(spelled)) {
        return constant;
      }
    }
    throw JobFailure.config(key + " '" + value + "' is not one of " + spellings(type));
  }

  /** How conf spells {@code constant}: {@code LATEST_INGESTED} is {@code latest-ingested}. */
  public static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static <E extends Enum<E>> List<String> spellings(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigEnums::spelling).toList();
  }
}
