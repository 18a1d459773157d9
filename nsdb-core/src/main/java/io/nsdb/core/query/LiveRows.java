package io.nsdb.core.query;

import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.model.Bit;
import io.nsdb.sql.tree.Select;
import java.util.List;
import java.util.Set;

/**
 * A plain SELECT ({@code *} or columns) evaluated continuously: every accepted bit is one new
 * record, shaped by {@link PlainSelect#row} exactly as the query engine shapes a row of the same
 * select (the same projection, the value boxed as the metric stores it). ORDER BY and LIMIT shape
 * only the history: a stream has no end to order or cut. No state is kept, which is why a client
 * that missed bits can catch up by replaying them.
 */
public final class LiveRows implements LiveQuery {

  private final ValueKind kind;
  private final Set<String> projection;
  private List<ResultRow> history;

  LiveRows(Select select, ValueKind kind, List<ResultRow> history) {
    this.kind = kind;
    this.projection = PlainSelect.projection(select);
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
    // Through the raw bits and back, so that the value is boxed exactly as a scan boxes it.
    Number value = PlainSelect.box(kind, kind.raw(bit.value()));
    out.emit(
        null, PlainSelect.row(bit.timestamp(), value, bit.dimensions(), bit.tags(), projection));
  }

  @Override
  public boolean keyed() {
    return false;
  }

  @Override
  public boolean replayable() {
    return true;
  }
}
