package io.nsdb.core.query;

/** A closed range of epoch milliseconds; {@code from > to} is empty. */
record TimeRange(long from, long to) {

  static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

  TimeRange intersect(TimeRange other) {
    return new TimeRange(Math.max(from, other.from), Math.min(to, other.to));
  }

  boolean isEmpty() {
    return from > to;
  }

  boolean boundedBelow() {
    return from != Long.MIN_VALUE;
  }

  boolean boundedAbove() {
    return to != Long.MAX_VALUE;
  }
}
