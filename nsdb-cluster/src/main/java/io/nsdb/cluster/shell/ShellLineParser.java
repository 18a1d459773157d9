package io.nsdb.cluster.shell;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when what was typed is ready to run, and what word Tab completes. Enter runs a
 * backslash command at once; SQL runs once it ends with a {@code ;} outside quotes and comments,
 * until then Enter adds a line to the same statement (which history keeps as one entry). The word
 * under the cursor is the name-like text before it ({@code db.ns} and {@code \cmd} included).
 */
final class ShellLineParser implements Parser {

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !isReady(line)) {
      throw new EOFError(-1, -1, "the statement is not ended with ;", ";");
    }
    return completionLine(line, cursor);
  }

  /** Whether Enter on {@code buffer} runs it. */
  static boolean isReady(String buffer) {
    String text = buffer.strip();
    return text.isEmpty() || text.startsWith("\\") || StatementSplitter.isComplete(buffer);
  }

  static ParsedLine completionLine(String line, int cursor) {
    int start = cursor;
    while (start > 0 && isWordChar(line.charAt(start - 1))) {
      start--;
    }
    int end = cursor;
    while (end < line.length() && isWordChar(line.charAt(end))) {
      end++;
    }
    return new Word(line, cursor, line.substring(start, end), cursor - start);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '\\';
  }

  /**
   * The line split as completion needs it: only the word under the cursor matters, and names need
   * no quoting or escaping, so a candidate is inserted as it is.
   */
  private record Word(String line, int cursor, String word, int wordCursor)
      implements CompletingParsedLine {

    @Override
    public int wordIndex() {
      return 0;
    }

    @Override
    public List<String> words() {
      return List.of(word);
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }
  }
}
