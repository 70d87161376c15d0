package dev.lakesmith.core.time;

/** Which offset a local time that occurs twice (the DST fall-back hour) resolves to. */
public enum DstOverlap {
  EARLIER,
  LATER
}
