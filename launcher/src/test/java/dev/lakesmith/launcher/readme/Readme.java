package dev.lakesmith.launcher.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md as a reader meets it: the shell commands of its {@code bash} blocks (continuation lines
 * joined, {@code &&} chains split, comments dropped) and of inline code in its prose, and the text
 * of its other fenced blocks (HOCON, SQL, sample output), so tests can run what it shows.
 */
final class Readme {
  static final Path FILE = Path.of("..", "README.md").toAbsolutePath().normalize();
  static final String LAUNCHER = "java -jar launcher/target/lakesmith.jar";

  private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
  private static final List<String> INLINE_COMMANDS =
      List.of("java -jar ", "mvn ", "spark-submit ", "aws ", "lakesmith ");

  /** One command as the README shows it (whitespace collapsed) and the line it starts on. */
  record Command(String text, int line) {
    boolean isLauncher() {
      return text.startsWith(LAUNCHER + " ");
    }

    /** The launcher's arguments, as the shell would split them. */
    List<String> args() {
      List<String> words = new ArrayList<>();
      for (String word : text.substring(LAUNCHER.length()).trim().split(" ")) {
        words.add(word.replaceAll("^[\"']|[\"']$", ""));
      }
      return words;
    }
  }

  /** A fenced block: its language tag, first line and text. */
  record Block(String language, int line, String text) {}

  private final List<String> lines;

  private Readme(List<String> lines) {
    this.lines = lines;
  }

  static Readme read() {
    try {
      return new Readme(Files.readAllLines(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int lineCount() {
    return lines.size();
  }

  List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    String language = null;
    int start = 0;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("```")) {
        if (language == null) {
          language = line.substring(3).strip();
          start = i + 1;
          text.setLength(0);
        } else {
          blocks.add(new Block(language, start, text.toString()));
          language = null;
        }
      } else if (language != null) {
        text.append(lines.get(i)).append('\n');
      }
    }
    return blocks;
  }

  /** The one block of this language whose text contains {@code marker}. */
  String block(String language, String marker) {
    List<String> found =
        blocks().stream()
            .filter(b -> b.language().equals(language) && b.text().contains(marker))
            .map(Block::text)
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " ```" + language + " blocks of README.md contain '" + marker + "'");
    }
    return found.get(0);
  }

  /** Every shell command shown: in bash/sh blocks, and as inline code in the prose. */
  List<Command> commands() {
    List<Command> commands = new ArrayList<>();
    for (Block block : blocks()) {
      if (List.of("bash", "sh", "shell").contains(block.language())) {
        shellCommands(block, commands);
      }
    }
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      Matcher code = INLINE.matcher(lines.get(i));
      while (!fenced && code.find()) {
        String text = code.group(1).strip();
        if (INLINE_COMMANDS.stream().anyMatch(text::startsWith)) {
          commands.add(new Command(collapse(text), i + 1));
        }
      }
    }
    return commands;
  }

  private static void shellCommands(Block block, List<Command> into) {
    String[] blockLines = block.text().split("\n");
    StringBuilder command = new StringBuilder();
    int start = -1;
    for (int i = 0; i < blockLines.length; i++) {
      String line = withoutComment(blockLines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (start < 0) {
        start = block.line() + i + 1;
      }
      boolean continued = line.endsWith("\\");
      command.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
      if (!continued) {
        for (String part : command.toString().split(" && ")) {
          into.add(new Command(collapse(part), start));
        }
        command.setLength(0);
        start = -1;
      }
    }
  }

  /** Drops a {@code #} comment that starts a line or follows whitespace outside quotes. */
  static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
