package io.nsdb.sql.tree;

/** {@code *}: every column of the metric. */
public record AllColumns() implements SelectItem {}
