package io.nsdb.cluster.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code \import [--format lp|csv] [--precision ns|us|ms|s] [--metric NAME] [--batch N] FILE}. The
 * format defaults by the file's extension ({@code .csv} is CSV, anything else line protocol), the
 * precision of line-protocol timestamps to {@code ns} as InfluxDB's, the batch to 5000 lines.
 */
record ImportOptions(
    Path file, boolean csv, String precision, Optional<String> metric, int batchSize) {

  static final int DEFAULT_BATCH = 5000;

  static final String USAGE =
      "usage: \\import [--format lp|csv] [--precision ns|us|ms|s] [--metric NAME] [--batch N] FILE";

  /** Reads the words after {@code \import}; throws a {@link ShellError} saying what is wrong. */
  static ImportOptions parse(List<String> words) {
    Path file = null;
    Boolean csv = null;
    String precision = "ns";
    Optional<String> metric = Optional.empty();
    int batch = DEFAULT_BATCH;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      switch (word) {
        case "--format" -> {
          String format = value(words, ++i, word).toLowerCase(Locale.ROOT);
          if (!format.equals("lp") && !format.equals("csv")) {
            throw invalid("--format is lp or csv [format=" + format + "]");
          }
          csv = format.equals("csv");
        }
        case "--precision" -> {
          precision = value(words, ++i, word);
          if (!List.of("ns", "us", "ms", "s").contains(precision)) {
            throw invalid("--precision is ns, us, ms or s [precision=" + precision + "]");
          }
        }
        case "--metric" -> metric = Optional.of(value(words, ++i, word));
        case "--batch" -> {
          try {
            batch = Integer.parseInt(value(words, ++i, word));
          } catch (NumberFormatException e) {
            throw invalid("--batch is a number of lines [batch=" + words.get(i) + "]");
          }
          if (batch < 1) {
            throw invalid("--batch is at least 1 [batch=" + batch + "]");
          }
        }
        default -> {
          if (word.startsWith("--") || file != null) {
            throw invalid("unexpected argument [argument=" + word + "]");
          }
          file = Path.of(word);
        }
      }
    }
    if (file == null) {
      throw invalid("no file named");
    }
    boolean isCsv =
        csv != null ? csv : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    return new ImportOptions(file, isCsv, precision, metric, batch);
  }

  private static String value(List<String> words, int index, String option) {
    if (index >= words.size()) {
      throw invalid(option + " needs a value");
    }
    return words.get(index);
  }

  private static ShellError invalid(String what) {
    return new ShellError(ShellError.INVALID_COMMAND, what + "; " + USAGE);
  }
}
