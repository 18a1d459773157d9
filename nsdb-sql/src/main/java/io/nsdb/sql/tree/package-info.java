/**
 * The immutable syntax tree of the NSDb SQL dialect: sealed interfaces and records, children copied
 * on construction, dispatched over with exhaustive {@code switch} record patterns.
 *
 * <p>A tree says what was written, already checked for everything that needs no schema (see {@link
 * io.nsdb.sql.parser.SqlParser}). Names keep their case; keywords do not appear. Nodes that point
 * back into the text ({@link Identifier}, {@link Aggregation}) leave their position out of
 * equality, so equal statements are equal trees however they were laid out. Times are {@link
 * java.time.Duration}s, so {@code 60m} and {@code 1h} are the same tree.
 *
 * <p>{@link io.nsdb.sql.SqlFormatter} turns a tree back into canonical SQL.
 */
package io.nsdb.sql.tree;
