/**
 * The catalog: every metric's schema and metric info, durable on disk.
 *
 * <p>Layout: {@code <data>/catalog/<db>/<namespace>/<metric>.meta}, one file per metric, replaced
 * atomically (written to a temporary file, forced, renamed over the old one, directory forced), so
 * a crash leaves either the old or the new version, never a mix.
 *
 * <p>Format of a {@code .meta} file (big-endian, {@link java.io.DataOutput} encoding):
 *
 * <pre>
 * magic      8 bytes  "NSDBMETA"
 * format     UTF      "metric"
 * version    int      1
 * length     int      byte length of the payload
 * payload    bytes    db, namespace, metric (UTF); value type (UTF, or "" before the first write);
 *                     column count (int), then per column name, type, kind (UTF);
 *                     has info (boolean), then shard interval and retention in ms (long, long)
 * checksum   long     CRC32C of everything before it
 * </pre>
 *
 * A reader checks all of it and fails with {@link io.nsdb.core.ErrorCode#CORRUPT_DATA} naming the
 * file, the offset and what it expected.
 */
package io.nsdb.core.catalog;
