package io.nsdb.core.query;

import io.nsdb.core.model.Bit;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.Select;
import java.util.List;
import java.util.NavigableSet;

/**
 * A SELECT DISTINCT evaluated continuously: a bit emits a record only for a value of the column not
 * seen before. The seen values start as every distinct value of the history's scan, not only those
 * its LIMIT kept, so a value already in the data is never sent again.
 *
 * <p>Memory is bounded by {@link QueryLimits#maxRows}, as a one-off DISTINCT's result is. Once that
 * many values are remembered, new values are still emitted but no longer remembered: a client may
 * then see such a value more than once. Duplicates are the lesser harm: a value never sent would be
 * missing from the client's answer, and failing the subscription would lose it all.
 */
public final class LiveDistinct implements LiveQuery {

  private final String column;
  private final boolean dimension;
  private final QueryLimits limits;
  private final NavigableSet<Object> seen;
  private List<ResultRow> history;

  /**
   * @param seen every distinct value of the scan ({@link PlainSelect#distinctValues}); kept and
   *     added to
   */
  LiveDistinct(
      Select select,
      Schema schema,
      QueryLimits limits,
      NavigableSet<Object> seen,
      List<ResultRow> history) {
    this.column = PlainSelect.distinctColumn(select);
    this.dimension = PlainSelect.isDimension(schema, column);
    this.limits = limits;
    this.seen = seen;
    this.history = List.copyOf(history);
  }

  @Override
  public List<ResultRow> history() {
    return history;
  }

  @Override
  public void releaseHistory() {
    history = List.of();
  }

  @Override
  public void accept(Bit bit, long nowMillis, Emitter out) {
    Object value = bit.dimensions().get(column);
    if (value == null) {
      value = bit.tags().get(column);
    }
    if (value == null) {
      return; // a point lacking the column gives no DISTINCT row
    }
    value = Group.normalize(value);
    if (seen.contains(value)) {
      return;
    }
    if (seen.size() < limits.maxRows()) {
      seen.add(value);
    }
    out.emit(null, PlainSelect.distinctRow(column, dimension, value));
  }

  @Override
  public boolean keyed() {
    return false;
  }

  @Override
  public boolean replayable() {
    return false;
  }
}
