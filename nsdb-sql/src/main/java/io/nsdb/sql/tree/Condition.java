package io.nsdb.sql.tree;

/**
 * A WHERE condition. NOT binds tighter than AND, AND tighter than OR, as in standard SQL; what was
 * parenthesised stays a separate node, so the tree is exactly what was written.
 */
public sealed interface Condition permits And, Or, Not, Comparison, Like, Range, NullCheck {}
