package io.nsdb.sql.tree;

/** A value written in a statement. */
public sealed interface Literal permits NumericLiteral, StringLiteral, NowLiteral {}
