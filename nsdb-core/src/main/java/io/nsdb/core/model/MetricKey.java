package io.nsdb.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a metric lives: database, namespace and metric name. Names follow the SQL dialect's
 * identifier rule (a letter or underscore, then letters, digits, underscores), so each is safe as a
 * directory name and can be written in a statement.
 */
public record MetricKey(String db, String namespace, String metric) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public MetricKey {
    requireName("db", db);
    requireName("namespace", namespace);
    requireName("metric", metric);
  }

  /** Checks a db, namespace, metric or column name; the message names what and which. */
  public static String requireName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " name: use letters, digits and underscores, not starting with a digit [name="
              + name
              + "]");
    }
    return name;
  }

  @Override
  public String toString() {
    return db + "." + namespace + "." + metric;
  }
}
