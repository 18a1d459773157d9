package io.nsdb.sql.tree;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code now}, {@code now - 1h}, {@code now + 30s}: the time the query runs, plus a signed offset.
 * The engine resolves it once per query against one clock.
 */
public record NowLiteral(Duration offset) implements Literal {

  public static final NowLiteral NOW = new NowLiteral(Duration.ZERO);

  public NowLiteral {
    Objects.requireNonNull(offset, "offset");
  }

  /** The epoch milliseconds this literal means when the query runs at {@code nowMillis}. */
  public long resolve(long nowMillis) {
    return Math.addExact(nowMillis, offset.toMillis());
  }
}
