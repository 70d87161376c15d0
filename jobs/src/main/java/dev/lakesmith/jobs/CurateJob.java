package dev.lakesmith.jobs;

public final class CurateJob {
  public static void main(String[] a) {}
}
