package io.nsdb.core.model;

import java.util.Objects;

/**
 * Where a metric lives: database, namespace and metric name. Names follow the SQL dialect's
 * identifier rule (a letter or underscore, then letters, digits, underscores), so each is safe as a
 * directory name and can be written in a statement.
 */
public record MetricKey(String db, String namespace, String metric) {

  public MetricKey {
    requireName("db", db);
    requireName("namespace", namespace);
    requireName("metric", metric);
  }

  /** Checks a db, namespace, metric or column name; the message names what and which. */
  public static String requireName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!isName(name)) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " name: use letters, digits and underscores, not starting with a digit [name="
              + name
              + "]");
    }
    return name;
  }

  /**
   * Whether {@code name} is {@code [A-Za-z_][A-Za-z0-9_]*}. A loop rather than the regex: every
   * {@link Bit} checks each of its column names, so this runs for every column of every point
   * ingested.
   */
  public static boolean isName(String name) {
    int length = name.length();
    if (length == 0 || isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return db + "." + namespace + "." + metric;
  }
}
