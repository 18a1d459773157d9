/**
 * Continuous queries, the pure core: which registered subscriptions an inserted bit satisfies. Owns
 * compiling a subscription's SELECT once ({@link io.nsdb.core.stream.CompiledQuery}) and the
 * per-metric index of subscriptions ({@link io.nsdb.core.stream.QueryIndex}). No actors, sockets or
 * clocks live here: the publisher actor owns one index per metric, passes each inserted bit with
 * its clock reading, and routes the matches.
 *
 * <p><b>Semantics.</b> A bit matches a query when the query's WHERE is true for it in SQL's
 * three-valued logic, exactly as the query engine would select the same point at the same {@code
 * now} ({@link io.nsdb.core.predicate}); the one evaluator is {@link
 * io.nsdb.core.predicate.PredicateCompiler}, never a second one. A query without WHERE matches
 * every bit of its metric.
 *
 * <p><b>Why an index.</b> NSDb built a one-document Lucene index per inserted bit per query; here a
 * bit costs one hash lookup per indexed column plus the full predicates of the queries filed under
 * the bit's values, plus the queries that have no equality to be filed under.
 */
package io.nsdb.core.stream;
