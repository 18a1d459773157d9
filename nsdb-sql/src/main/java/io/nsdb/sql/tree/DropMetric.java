package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code DROP METRIC metric}: its data, schema and metric info. */
public record DropMetric(Identifier metric) implements Statement {

  public DropMetric {
    Objects.requireNonNull(metric, "metric");
  }
}
