package io.nsdb.sql;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statement corpus under {@code src/test/resources/corpus}.
 *
 * <p>Entries are separated by a line holding only {@code ;;}. A line starting with {@code #} is a
 * note about the corpus and is dropped. Two directives are dropped as well: {@code -- expect:
 * <sql>} (the canonical text of a valid statement) and {@code -- error: <CODE> <line>:<column>}
 * (the error of an invalid one). Every other line, blank lines and {@code --} comments included, is
 * part of the statement; the lines are joined with {@code \n}, without a final newline.
 */
final class SqlCorpus {

  static final String EXPECT = "-- expect: ";
  static final String ERROR = "-- error: ";
  private static final Pattern ERROR_SPEC = Pattern.compile("([A-Z_]+) (\\d+):(\\d+)");

  /** An expected error: its code and 1-based position. */
  record ExpectedError(SqlErrorCode code, int line, int column) {}

  /**
   * One statement of the corpus.
   *
   * @param line the line of the file where the entry starts, for test names
   */
  record Entry(
      String file,
      int line,
      String sql,
      Optional<String> expectedFormat,
      Optional<ExpectedError> expectedError) {

    @Override
    public String toString() {
      String oneLine = sql.replace("\n", "\\n").replace("\t", "\\t");
      if (oneLine.length() > 100) {
        oneLine = oneLine.substring(0, 97) + "...";
      }
      return file + ":" + line + " " + oneLine;
    }
  }

  private SqlCorpus() {}

  static List<Entry> valid() {
    return load("valid.sql");
  }

  static List<Entry> invalid() {
    return load("invalid.sql");
  }

  static List<Entry> load(String name) {
    String resource = "/corpus/" + name;
    try (InputStream in = SqlCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("corpus not on the test classpath: " + resource);
      }
      return parse(name, new String(in.readAllBytes(), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Entry> parse(String file, String text) {
    List<Entry> entries = new ArrayList<>();
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String[] lines = body.split("\n", -1);
    List<String> statement = new ArrayList<>();
    String expect = null;
    ExpectedError error = null;
    boolean directives = false;
    int start = 1;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : ";;";
      if (line.equals(";;")) {
        String sql = String.join("\n", statement);
        if (directives || !sql.isBlank()) {
          entries.add(
              new Entry(file, start, sql, Optional.ofNullable(expect), Optional.ofNullable(error)));
        }
        statement.clear();
        expect = null;
        error = null;
        directives = false;
        start = i + 2;
      } else if (line.startsWith("#")) {
        if (statement.isEmpty() && !directives) {
          start = i + 2;
        }
      } else if (line.startsWith(EXPECT)) {
        expect = line.substring(EXPECT.length());
        directives = true;
      } else if (line.startsWith(ERROR)) {
        Matcher m = ERROR_SPEC.matcher(line.substring(ERROR.length()).strip());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              file + ":" + (i + 1) + ": expected '-- error: <CODE> <line>:<column>': " + line);
        }
        error =
            new ExpectedError(
                SqlErrorCode.valueOf(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        directives = true;
      } else {
        statement.add(line);
      }
    }
    return List.copyOf(entries);
  }
}
