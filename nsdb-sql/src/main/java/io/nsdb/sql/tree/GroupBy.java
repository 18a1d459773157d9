package io.nsdb.sql.tree;

/** {@code GROUP BY <tag>} or {@code GROUP BY INTERVAL <n> <unit>}. */
public sealed interface GroupBy permits TagGroupBy, IntervalGroupBy {}
