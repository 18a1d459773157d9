package io.nsdb.sql.tree;

import java.util.Objects;

/**
 * A string: {@code 'it''s'} (quotes undone, whitespace kept) or one of NSDb's bare words ({@code
 * where priority = WHITE}); both mean the same.
 */
public record StringLiteral(String value) implements Literal {

  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }
}
