/**
 * The HTTP load harness: starts the server (or uses a running one), ingests the reference dataset
 * of the peer benchmark over {@code POST /write} (line protocol) or {@code POST /data} (JSON), then
 * times the six reference queries over {@code POST /query} and checks their answers, measuring the
 * server's CPU, peak RSS and disk use on the way.
 *
 * <p>It mirrors the methodology of the peer harness ({@code bench.py} of the shared peer benchmark)
 * so that its figures can stand beside the peers': batches cut before the clock starts, one
 * keep-alive connection per writer, points per second until the last acknowledgement and until the
 * count query first sees every point, 1 warm-up and 5 timed runs per query, client wall clock from
 * the request to the last byte of the answer, each answer reduced to (rows, sum of the value
 * column) and compared with the exact answer computed while generating the data.
 *
 * <p>Entry point: {@link io.nsdb.bench.load.LoadHarness}, run by {@code nsdb-bench/load.sh}.
 */
package io.nsdb.bench.load;
