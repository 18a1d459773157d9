package io.nsdb.sql.tree;

/**
 * A WHERE condition. NOT binds tighter than AND, AND tighter than OR, as in standard SQL. A
 * parenthesised group that changes the meaning stays a node of its own; one that does not (an AND
 * inside an AND, an OR inside an OR) is spliced into its parent, so equivalent groupings give one
 * tree.
 */
public sealed interface Condition permits And, Or, Not, Comparison, Like, Range, NullCheck {}
