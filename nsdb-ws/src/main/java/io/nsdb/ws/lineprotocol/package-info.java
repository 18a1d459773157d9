/**
 * The InfluxDB 1.x line protocol of {@code POST /write}, as a pure parser: a body's bytes in, bits
 * grouped by metric and per-line errors out. No HTTP here; the route calls {@link
 * io.nsdb.ws.lineprotocol.LineProtocolParser#parse} and inserts each {@link
 * io.nsdb.ws.lineprotocol.MetricBits} under a {@code MetricKey} of its db and namespace.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li>The measurement is the metric name. Line-protocol tags are the bit's tags, as VARCHAR
 *       strings.
 *   <li>The field named {@code value} is the bit's value in metric {@code <measurement>}; every
 *       other numeric field {@code f} is a bit of metric {@code <measurement>_<f>}, with the same
 *       timestamp, tags and dimensions.
 *   <li>A float ({@code 1}, {@code 1.5}, {@code -2e3}) is a Double, exactly {@code
 *       Double.parseDouble} of its text; an integer {@code 12i} and an unsigned {@code 12u} (at
 *       most {@code Long.MAX_VALUE}) are Longs; a boolean ({@code t T true True TRUE f F false
 *       False FALSE}) is the Long 1 or 0. NaN and infinities are rejected.
 *   <li>A string field ({@code "..."}) is a dimension (VARCHAR) of every bit of its line:
 *       dimensions are NSDb's non-grouping attributes. A line with only string fields has no value
 *       and is rejected.
 *   <li>The timestamp is optional (the caller's {@code now} otherwise) and is read in the request's
 *       {@link io.nsdb.ws.lineprotocol.Precision}, {@code ns} by default, then floored to epoch
 *       milliseconds: sub-millisecond precision is dropped.
 * </ul>
 *
 * <h2>Rejected lines</h2>
 *
 * A line is rejected, whole, when: a measurement, tag key or string-field key does not follow the
 * identifier rule {@code [A-Za-z_][A-Za-z0-9_]*}, or a numeric field key is not {@code
 * [A-Za-z0-9_]+} (so that {@code <measurement>_<f>} is a name); a tag key or string-field key is
 * {@code timestamp} or {@code value} (built-in columns); a key is both a tag and a string field; a
 * tag or field key repeats; a field value is malformed, out of range or not finite; it has no
 * numeric field; its timestamp is not an integer or overflows. Each becomes a {@link
 * io.nsdb.ws.lineprotocol.LineError} of the line where it starts, with a reason {@code what
 * happened [line=N, key=value]}, and parsing goes on with the next line. A batch keeps the first
 * {@value io.nsdb.ws.lineprotocol.ParsedBatch#MAX_ERRORS} errors and counts them all.
 *
 * <h2>Syntax</h2>
 *
 * As InfluxDB 1.x: {@code measurement(,tag=value)* field=value(,field=value)* [timestamp]}. Escapes
 * are {@code \,} and {@code \ } in the measurement; {@code \,}, {@code \ } and {@code \=} in tag
 * keys, tag values and field keys; {@code \"} and {@code \\} in string field values; a backslash
 * before anything else is kept. A string field value may hold spaces, commas, {@code =} and
 * newlines. Lines starting with {@code #} are comments; blank lines, {@code \r\n} line ends and
 * spaces or tabs around a line are ignored. Bytes are UTF-8. {@code docs/line-protocol.md} has
 * examples.
 *
 * <h2>Speed</h2>
 *
 * The parser reads the body's bytes in place, without regular expressions or a string per line. A
 * series key (measurement and tags, exactly as written) is parsed once per parser into a {@code
 * Series} holding the immutable tag map and the metric name of each field, found again by a hash of
 * the key's bytes; floats of the common {@code digits.digits} shape take an exact fast path ({@code
 * FastDecimal}).
 */
package io.nsdb.ws.lineprotocol;
