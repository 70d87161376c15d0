package dev.lakesmith.launcher;

public final class Lakesmith {
  public static void main(String[] a) {}
}
