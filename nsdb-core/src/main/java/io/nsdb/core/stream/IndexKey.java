package io.nsdb.core.stream;

/**
 * The hash key of a column value, normalised so that a value and a literal the predicate calls
 * equal always have the same key.
 *
 * <p>The predicate compares two longs exactly and anything involving a double as doubles, with
 * {@code -0.0 = 0.0} ({@link io.nsdb.core.predicate.PredicateCompiler}). Every number is therefore
 * keyed by its double value, with {@code -0.0} folded into {@code 0.0}: equal numbers always share
 * a key. Two distinct longs above 2^53 may share one too (they round to the same double); that only
 * adds a candidate whose full predicate then says no. Strings are their own keys, and a string
 * never equals a number, as in the predicate.
 */
final class IndexKey {

  private IndexKey() {}

  /** The key of {@code value} (a String, Integer, Long or Double; null stays null). */
  static Object of(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == 0 ? 0.0 : d;
    }
    return value;
  }
}
