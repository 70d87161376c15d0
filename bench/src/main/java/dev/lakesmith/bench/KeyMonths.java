package dev.lakesmith.bench;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The arrival months each distinct event key was seen in, for corpora of millions of keys: keys are
 * kept as 128-bit fingerprints in open-addressed primitive arrays (about 50 bytes per key instead
 * of several hundred for a set of {@link Event.Key} objects), months as a bit mask.
 */
final class KeyMonths {
  static final int MAX_MONTHS = 64;
  private static final long EMPTY = 0;

  private long[] high = new long[1 << 16];
  private long[] low = new long[1 << 16];
  private long[] months = new long[1 << 16];
  private int size;

  int size() {
    return size;
  }

  /**
   * Records that {@code key} arrived in month {@code month} and returns the months it was seen in
   * before (0 for a new key).
   */
  long add(Event.Key key, int month) {
    if (month < 0 || month >= MAX_MONTHS) {
      throw new IllegalArgumentException("month index " + month + " is not in [0, 64)");
    }
    long h = fingerprintHigh(key);
    long l = fingerprintLow(key);
    int slot = slot(h, l);
    long before = months[slot];
    if (before == EMPTY) {
      high[slot] = h;
      low[slot] = l;
      if (++size * 2 > high.length) {
        months[slot] = 1L << month;
        grow();
        return 0;
      }
    }
    months[slot] = before | (1L << month);
    return before;
  }

  /** Calls {@code action} with the month mask of every key. */
  void forEachMask(LongConsumer action) {
    for (long mask : months) {
      if (mask != EMPTY) {
        action.accept(mask);
      }
    }
  }

  private int slot(long h, long l) {
    int mask = high.length - 1;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    while (months[slot] != EMPTY && (high[slot] != h || low[slot] != l)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldMonths = months;
    high = new long[oldHigh.length * 2];
    low = new long[oldHigh.length * 2];
    months = new long[oldHigh.length * 2];
    for (int i = 0; i < oldHigh.length; i++) {
      if (oldMonths[i] != EMPTY) {
        int slot = slot(oldHigh[i], oldLow[i]);
        high[slot] = oldHigh[i];
        low[slot] = oldLow[i];
        months[slot] = oldMonths[i];
      }
    }
    Arrays.fill(oldMonths, EMPTY);
  }

  /**
   * The payload md5 (128 random bits) mixed with the name and the instant; distinct keys sharing a
   * payload differ in name or instant, which the odd multipliers keep distinct.
   */
  private static long fingerprintHigh(Event.Key key) {
    return Long.parseUnsignedLong(key.md5().substring(0, 16), 16)
        ^ (key.name().hashCode() * 0x9E3779B97F4A7C15L);
  }

  private static long fingerprintLow(Event.Key key) {
    long micros = key.instant().getEpochSecond() * 1_000_000L + key.instant().getNano() / 1_000;
    return Long.parseUnsignedLong(key.md5().substring(16, 32), 16) ^ (micros * 0xC2B2AE3D27D4EB4FL);
  }
}
