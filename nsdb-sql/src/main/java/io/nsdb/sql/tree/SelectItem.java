package io.nsdb.sql.tree;

/** One item of a select list: {@code *}, a column, or an aggregation. */
public sealed interface SelectItem permits AllColumns, ColumnItem, Aggregation {}
