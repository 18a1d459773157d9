#!/usr/bin/env bash
# stream-load.sh: the streaming load harness in one command. Builds what is missing (the server and
# the benchmarks jar), then runs io.nsdb.bench.streamload.StreamLoadHarness, which starts the server
# on a free loopback port, opens the WebSockets and subscribes, inserts at a fixed rate, measures
# insert-to-frame latency and drops, and stops the server.
#
#   nsdb-bench/stream-load.sh --sockets 1000 --subs 10 --rate 100000 --duration 60
#   nsdb-bench/stream-load.sh --sockets 50 --subs 10 --rate 10000 --duration 10   # a quick run
#   nsdb-bench/stream-load.sh --help
#
# Every argument goes to the harness. The harness JVM's own flags: NSDB_STREAM_LOAD_JAVA_OPTS
# (default -Xmx2g; it keeps 8 bytes per inserted point). The server's: --server-opts (default
# -Xmx4g). It shares load.sh's build check and JDK lookup.
set -euo pipefail

export NSDB_BENCH_MAIN_CLASS=io.nsdb.bench.streamload.StreamLoadHarness
export NSDB_LOAD_JAVA_OPTS="${NSDB_STREAM_LOAD_JAVA_OPTS--Xmx2g}"
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/load.sh" "$@"
