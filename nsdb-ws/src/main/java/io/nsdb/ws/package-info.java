/**
 * The network face of a node: Pekko HTTP routes for the NSDb-compatible REST API, the InfluxDB
 * line-protocol write, {@code /ws-stream} and HTTP streaming, the API root and Prometheus metrics,
 * with JSON through Jackson. Routes are thin: unmarshal, ask the engine, marshal; errors map to one
 * JSON shape in one place. It knows nothing of cluster membership. The server issue lands here.
 */
package io.nsdb.ws;
