/**
 * The storage engine and its embedded Java API, {@link io.nsdb.core.engine.Storage}: what the
 * server and the tests share.
 *
 * <h2>Write path</h2>
 *
 * A batch for one metric is checked (retention, then schema, all or nothing), appended to the
 * commit log under the metric's write lock, applied to the head in LSN order, and acknowledged once
 * the log's sync policy is met. A head buffer that fills up is sealed on the spot: sorted,
 * compressed, added to its shard's Lucene writer, and kept in the metric's <em>pending</em> list
 * until the next searcher refresh makes it visible. Readers see the searcher, the pending chunks
 * and the head taken together under the metric's read lock, so a scan sees every acknowledged write
 * exactly once.
 *
 * <h2>Durability and recovery</h2>
 *
 * Every {@code commit-interval} each changed metric commits its shards, recording its <em>covered
 * LSN</em>: every effect of every log entry of that metric up to it is in Lucene commits. The
 * covered LSN is also kept in {@code <data>/state/<db>/<ns>/<metric>.meta}, which outlives a
 * dropped metric. The commit log is then checkpointed to the smallest LSN any metric still needs:
 * the oldest point in any head.
 *
 * <p>On open, the whole remaining log is replayed. An entry of a metric at or below its covered LSN
 * is skipped. A bit above it is skipped when its series and shard already hold a committed chunk
 * whose highest LSN reaches it (a series' chunks in one shard are sealed in LSN order); otherwise
 * it goes back to the head. Deletes and drops commit everything they touch before they return, so
 * no later write can be undone by replaying them.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * data/commitlog/                                  the commit log's segments
 * data/catalog/&lt;db&gt;/&lt;ns&gt;/&lt;metric&gt;.meta             schema and metric info
 * data/state/&lt;db&gt;/&lt;ns&gt;/&lt;metric&gt;.meta               covered LSN
 * data/metrics/&lt;db&gt;/&lt;ns&gt;/&lt;metric&gt;/shard_S_E/       one Lucene index per time shard
 * </pre>
 */
package io.nsdb.core.engine;
