package io.nsdb.sql.tree;

/** The direction of an ORDER BY; ascending when none is written. */
public enum SortDirection {
  ASC,
  DESC
}
