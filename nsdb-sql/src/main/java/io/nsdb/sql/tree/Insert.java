package io.nsdb.sql.tree;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code INSERT INTO metric [TS = n] [DIM (k = v, ...)] [TAGS (k = v, ...)] VAL = n}. Without
 * {@code TS} the server stamps the bit with its clock.
 */
public record Insert(
    Identifier metric,
    OptionalLong timestamp,
    List<ColumnAssignment> dimensions,
    List<ColumnAssignment> tags,
    NumericLiteral value)
    implements Statement {

  public Insert {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(timestamp, "timestamp");
    dimensions = List.copyOf(dimensions);
    tags = List.copyOf(tags);
    Objects.requireNonNull(value, "value");
  }
}
