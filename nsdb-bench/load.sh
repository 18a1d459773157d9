#!/usr/bin/env bash
# load.sh: the HTTP load harness in one command. Builds what is missing (the server and the
# benchmarks jar), then runs io.nsdb.bench.load.LoadHarness, which starts the server on a free
# loopback port, loads the reference dataset, times the six queries and stops the server.
#
#   nsdb-bench/load.sh --points 10000000 --hosts 1000 --conns 2 --sync always
#   nsdb-bench/load.sh --help
#
# Every argument goes to the harness. The harness JVM's own flags: NSDB_LOAD_JAVA_OPTS (default
# -Xmx6g: it holds every request body in memory, ~0.8 GB per 10 M points of line protocol and
# ~1.3 GB as /data JSON). The server's: --server-opts (default -Xmx4g).
set -euo pipefail

# The project root is the parent of this script's folder (following symlinks to the script). The
# caller's working directory is kept, so relative paths such as --data and --out mean what they say.
_self="${BASH_SOURCE[0]}"
while [ -L "$_self" ]; do
  _target="$(readlink "$_self")"
  case "$_target" in
    /*) _self="$_target" ;;
    *) _self="$(dirname "$_self")/$_target" ;;
  esac
done
ROOT="$(cd -P "$(dirname "$_self")/.." && pwd -P)"
unset _self _target

# shellcheck source=../bin/find-jdk.sh
. "$ROOT/bin/find-jdk.sh"

readonly BENCH_JAR="$ROOT/nsdb-bench/target/benchmarks.jar"
readonly SERVER_JAR="$ROOT/nsdb-cluster/target/nsdb-cluster-0.1.0-SNAPSHOT.jar"
readonly SERVER_LIB="$ROOT/nsdb-cluster/target/lib"
# stream-load.sh runs its own harness through this script: NSDB_BENCH_MAIN_CLASS names it.
readonly MAIN_CLASS="${NSDB_BENCH_MAIN_CLASS:-io.nsdb.bench.load.LoadHarness}"

# True when a jar is missing or anything they are built from changed since the last build.
needs_build() {
  [ -f "$BENCH_JAR" ] && [ -f "$SERVER_JAR" ] && [ -d "$SERVER_LIB" ] || return 0
  local newer
  newer="$(cd "$ROOT" && find nsdb-*/src pom.xml nsdb-*/pom.xml -type f \
    \( -newer "$BENCH_JAR" -o -newer "$SERVER_JAR" \) -print 2>/dev/null | head -n 1 || true)"
  [ -n "$newer" ]
}

nsdb_require_jdk
if needs_build; then
  echo "load.sh: building NSDb and the benchmarks jar..." >&2
  (cd "$ROOT" && ./mvnw -q -DskipTests -Dspotless.check.skip=true install)
  # Maven leaves an up-to-date jar untouched: mark this build done.
  touch "$BENCH_JAR" "$SERVER_JAR"
fi

# Word splitting of NSDB_LOAD_JAVA_OPTS is intended: it holds several JVM flags. The server's
# classpath comes first so that a --server-cp among the arguments overrides it.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${NSDB_LOAD_JAVA_OPTS--Xmx6g} -cp "$BENCH_JAR" "$MAIN_CLASS" \
  --server-cp "$SERVER_JAR:$SERVER_LIB/*" "$@"
