package io.nsdb.sql.tree;

import java.time.Duration;
import java.util.Objects;

/** {@code GROUP BY INTERVAL 5m}: one group per time bucket of that width. */
public record IntervalGroupBy(Duration interval) implements GroupBy {

  public IntervalGroupBy {
    Objects.requireNonNull(interval, "interval");
  }
}
