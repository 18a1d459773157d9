/**
 * The database engine, embedded: model and schemas, commit log, in-memory head, Lucene time shards,
 * retention, query planning and execution, continuous-query matching and the publisher actor.
 *
 * <p>It knows SQL only as the trees of {@code io.nsdb.sql.tree}; it knows nothing of HTTP, JSON
 * wire formats or the cluster. The storage engine and the query engine are the next issues to land
 * here.
 */
package io.nsdb.core;
