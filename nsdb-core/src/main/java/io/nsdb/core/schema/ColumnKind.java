package io.nsdb.core.schema;

/** Whether a column is a dimension (for filtering) or a tag (for grouping). */
public enum ColumnKind {
  DIMENSION,
  TAG
}
