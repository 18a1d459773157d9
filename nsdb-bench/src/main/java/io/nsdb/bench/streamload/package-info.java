/**
 * The end-to-end streaming load harness: many {@code /ws-stream} WebSockets, each with several
 * continuous queries, while points are inserted at a fixed rate over {@code POST /write}; it
 * measures each record's latency from its insert to the frame that carried it, checks that every
 * point was received exactly once or counted in a frame's {@code dropped}, and reports the server's
 * CPU and heap.
 *
 * <p>It reuses the HTTP load harness's server handling ({@link io.nsdb.bench.load.ServerProcess}),
 * its {@code /proc} readings ({@link io.nsdb.bench.load.ProcessStats}) and latency summaries
 * ({@link io.nsdb.bench.load.LatencySummary}).
 *
 * <p>Entry point: {@link io.nsdb.bench.streamload.StreamLoadHarness}, run by {@code
 * nsdb-bench/stream-load.sh}.
 */
package io.nsdb.bench.streamload;
