package dev.lakesmith.core.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The terminal line a bar is drawn on, shared with whole lines printed while the bar is live: a
 * line replaces the bar, then the bar is drawn again below it. A carriage return only, no cursor
 * movement, so it works on any terminal.
 */
final class SharedLine implements ProgressBarConsumer {
  private final PrintStream out;
  private final int width;
  private String drawn = "";

  SharedLine(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  @Override
  public int getMaxRenderedLength() {
    return width;
  }

  @Override
  public synchronized void accept(String rendered) {
    String padded = rendered.length() < drawn.length() ? pad(rendered, drawn.length()) : rendered;
    drawn = rendered;
    out.print('\r' + padded);
    out.flush();
  }

  synchronized void above(String line) {
    out.print('\r' + pad(line, drawn.length()) + System.lineSeparator() + drawn);
    out.flush();
  }

  @Override
  public synchronized void close() {
    out.println();
    out.flush();
  }

  private static String pad(String text, int length) {
    return text.length() >= length ? text : text + " ".repeat(length - text.length());
  }
}
