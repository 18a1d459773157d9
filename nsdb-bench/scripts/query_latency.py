#!/usr/bin/env python3
"""Latency of the six reference queries against a running server, over one keep-alive connection.

    python3 nsdb-bench/scripts/query_latency.py [--port 9124] [--runs 40]

Each query runs --runs times in a row; the median of the last five is printed (the earlier runs
warm the server's JIT). Meant for a server already loaded with the 10 M-point reference dataset
(db and namespace "bench", e.g. by nsdb-bench/load.sh --url ... --pid ...), measured once it has
settled; the load harness measures the same queries right after the ingest instead.
"""
import argparse
import http.client
import json
import statistics
import time

QUERIES = {
    "q1": "SELECT count(*) FROM cpu",
    "q2": "SELECT avg(value) FROM cpu WHERE host = 'host_0492'",
    "q3": "SELECT max(value) FROM cpu WHERE timestamp >= 1704283200000 AND timestamp < 1704326400000 GROUP BY host",
    "q4": "SELECT avg(value) FROM cpu WHERE region = 'region_3' AND timestamp >= 1704067200000"
    " AND timestamp < 1704326400000 GROUP BY INTERVAL 1h",
    "q5": "SELECT last(value) FROM cpu GROUP BY host",
    "q6": "SELECT * FROM cpu WHERE host = 'host_0492' AND timestamp >= 1704198600000"
    " AND timestamp < 1704202200000 ORDER BY timestamp",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=9124)
    ap.add_argument("--runs", type=int, default=40)
    a = ap.parse_args()
    conn = http.client.HTTPConnection("127.0.0.1", a.port)
    out = []
    for name, sql in QUERIES.items():
        body = json.dumps({"db": "bench", "namespace": "bench", "queryString": sql})
        times = []
        for _ in range(a.runs):
            start = time.perf_counter()
            conn.request("POST", "/query", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{name}: HTTP {response.status}")
            times.append((time.perf_counter() - start) * 1000)
        out.append(f"{name} {statistics.median(times[-5:]):.2f} ms")
    print(" | ".join(out))


if __name__ == "__main__":
    main()
