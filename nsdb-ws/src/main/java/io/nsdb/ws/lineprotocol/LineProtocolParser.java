package io.nsdb.ws.lineprotocol;

import io.nsdb.core.model.Bit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parses an InfluxDB 1.x line-protocol body into bits, straight from its UTF-8 bytes; see the
 * package documentation for the mapping. Bad lines become {@link LineError}s and parsing goes on,
 * so one call reports every bad line of a batch; {@link #parse} never throws on bad input.
 *
 * <p>Not thread-safe: it keeps a cache of parsed series and per-line scratch arrays. Keep one per
 * thread or per connection; the cache is what makes a repeated series cost one hash lookup.
 */
public final class LineProtocolParser {

  /** Series kept by default before the cache is cleared. */
  public static final int DEFAULT_MAX_SERIES = 100_000;

  /** Metric names kept for sharing before the table is cleared. */
  private static final int MAX_NAMES = 10_000;

  private static final boolean[] WHITESPACE = table(" \t\r");
  private static final boolean[] VALUE_STOP = table(", \t\r\n");

  private final SeriesCache cache;
  // One instance per metric name, so that the batch's "same metric as the last line" test is ==.
  private final Map<String, String> names = new HashMap<>();

  // The body being parsed; cleared when done so that the parser does not keep it alive.
  private byte[] buf;
  private int pos;
  private int end;
  private int line;
  private int seriesEnd;
  private boolean inFields;

  // The current line's fields, kept until its timestamp is known.
  private Series.Field[] numericFields = new Series.Field[4];
  private Number[] numericValues = new Number[4];
  private Bit[] lineBits = new Bit[4];
  private int numericCount;
  private String[] stringKeys = new String[4];
  private String[] stringValues = new String[4];
  private int stringCount;
  private int[] keyStarts = new int[8];
  private int[] keyEnds = new int[8];
  private int keyCount;

  public LineProtocolParser() {
    this(DEFAULT_MAX_SERIES);
  }

  /** A parser whose series cache holds at most {@code maxSeries} series before it is cleared. */
  public LineProtocolParser(int maxSeries) {
    this.cache = new SeriesCache(maxSeries);
  }

  /** Parses a whole body; see {@link #parse(byte[], int, int, Precision, long)}. */
  public ParsedBatch parse(byte[] body, Precision precision, long nowMillis) {
    return parse(body, 0, body.length, precision, nowMillis);
  }

  /**
   * Parses {@code body[offset, offset + length)}.
   *
   * @param precision the unit of the timestamps written in the body
   * @param nowMillis the timestamp, in epoch milliseconds, of lines that have none
   */
  public ParsedBatch parse(
      byte[] body, int offset, int length, Precision precision, long nowMillis) {
    Objects.checkFromIndexSize(offset, length, body.length);
    Objects.requireNonNull(precision, "precision");
    BatchBuilder out = new BatchBuilder();
    buf = body;
    pos = offset;
    end = offset + length;
    line = 1;
    try {
      while (pos < end) {
        skipWhitespace();
        if (pos == end) {
          break;
        }
        byte c = buf[pos];
        if (c == '\n') {
          pos++;
          line++;
        } else if (c == '#') {
          skipComment();
        } else {
          int startLine = line;
          out.line();
          try {
            parseLine(out, precision, nowMillis, startLine);
          } catch (LineRejected e) {
            out.reject(startLine, e.getMessage());
            skipRestOfLine();
          }
        }
      }
    } finally {
      buf = null;
      Arrays.fill(numericValues, null);
      Arrays.fill(lineBits, null);
      Arrays.fill(stringValues, null);
    }
    return out.build();
  }

  private void parseLine(BatchBuilder out, Precision precision, long now, int startLine)
      throws LineRejected {
    inFields = false;
    int seriesStart = pos;
    int i = Bytes.seriesKeyEnd(buf, pos, end);
    seriesEnd = i;
    int hash = cache.hash(buf, seriesStart, i);
    Series series = cache.get(buf, seriesStart, i, hash);
    if (series == null) {
      series = SeriesKeyParser.parse(buf, seriesStart, i, hash, startLine, this::name);
      cache.put(series);
    }
    pos = i;
    skipWhitespace();
    if (pos == end || buf[pos] == '\n') {
      throw new LineRejected("missing fields [line=" + startLine + "]");
    }
    inFields = true;
    parseFields(series, startLine);
    long timestamp = parseTimestamp(precision, now, startLine);
    emit(out, series, timestamp, startLine);
  }

  private void parseFields(Series series, int startLine) throws LineRejected {
    numericCount = 0;
    stringCount = 0;
    keyCount = 0;
    while (true) {
      int keyStart = pos;
      boolean escaped = false;
      while (pos < end && buf[pos] != '=') {
        byte c = buf[pos];
        if (VALUE_STOP[c & 0xFF]) {
          throw missingFieldValue(keyStart, pos, startLine);
        }
        if (c == '\\' && pos + 1 < end && buf[pos + 1] != '\n') {
          escaped = true;
          pos++;
        }
        pos++;
      }
      if (pos == end) {
        throw missingFieldValue(keyStart, pos, startLine);
      }
      int keyEnd = pos++;
      if (keyEnd == keyStart) {
        throw new LineRejected("missing field key [line=" + startLine + "]");
      }
      checkDuplicateField(keyStart, keyEnd, startLine);
      if (pos < end && buf[pos] == '"') {
        stringField(series, keyStart, keyEnd, escaped, startLine);
      } else {
        int valueStart = pos;
        while (pos < end && !VALUE_STOP[buf[pos] & 0xFF]) {
          pos++;
        }
        if (valueStart == pos) {
          throw missingFieldValue(keyStart, keyEnd, startLine);
        }
        Number value = FieldValues.numeric(buf, valueStart, pos, keyStart, keyEnd, startLine);
        Series.Field field = series.field(buf, keyStart, keyEnd);
        if (field == null) {
          field = newField(series, keyStart, keyEnd, escaped, startLine);
        }
        addNumeric(field, value);
      }
      if (pos < end && buf[pos] == ',') {
        pos++;
      } else {
        break;
      }
    }
    if (numericCount == 0) {
      throw new LineRejected("no numeric field [line=" + startLine + "]");
    }
  }

  private LineRejected missingFieldValue(int keyStart, int keyEnd, int startLine) {
    if (keyStart == keyEnd) {
      return new LineRejected("missing field key [line=" + startLine + "]");
    }
    return fieldRejected("missing field value", startLine, keyStart, keyEnd);
  }

  /** A line rejected for what one of its fields is: {@code what [line=L, field=key]}. */
  private LineRejected fieldRejected(String what, int startLine, int keyStart, int keyEnd) {
    return new LineRejected(
        what + " [line=" + startLine + ", field=" + Bytes.quote(buf, keyStart, keyEnd) + "]");
  }

  private void checkDuplicateField(int keyStart, int keyEnd, int startLine) throws LineRejected {
    for (int k = 0; k < keyCount; k++) {
      if (Arrays.equals(buf, keyStarts[k], keyEnds[k], buf, keyStart, keyEnd)) {
        throw fieldRejected("duplicate field key", startLine, keyStart, keyEnd);
      }
    }
    if (keyCount == keyStarts.length) {
      keyStarts = Arrays.copyOf(keyStarts, keyCount * 2);
      keyEnds = Arrays.copyOf(keyEnds, keyCount * 2);
    }
    keyStarts[keyCount] = keyStart;
    keyEnds[keyCount++] = keyEnd;
  }

  /** The metric of a field key not yet seen with this series: {@code <measurement>_<key>}. */
  private Series.Field newField(
      Series series, int keyStart, int keyEnd, boolean escaped, int startLine) throws LineRejected {
    if (escaped || !Bytes.isNamePart(buf, keyStart, keyEnd)) {
      String key =
          escaped
              ? Bytes.unescape(buf, keyStart, keyEnd, ", =")
              : Bytes.quote(buf, keyStart, keyEnd);
      throw new LineRejected(
          "invalid field name [line="
              + startLine
              + ", field="
              + Bytes.quote(key)
              + ", rule=[A-Za-z0-9_]+]");
    }
    String metric =
        Bytes.equalsAscii(buf, keyStart, keyEnd, "value")
            ? series.measurement
            : name(series.measurement + "_" + Bytes.ascii(buf, keyStart, keyEnd));
    return series.remember(buf, keyStart, keyEnd, metric);
  }

  private void addNumeric(Series.Field field, Number value) {
    if (numericCount == numericFields.length) {
      numericFields = Arrays.copyOf(numericFields, numericCount * 2);
      numericValues = Arrays.copyOf(numericValues, numericCount * 2);
      lineBits = Arrays.copyOf(lineBits, numericCount * 2);
    }
    numericFields[numericCount] = field;
    numericValues[numericCount++] = value;
  }

  /** A string field at {@code pos} (on its opening quote): a dimension of the line's bits. */
  private void stringField(Series series, int keyStart, int keyEnd, boolean escaped, int startLine)
      throws LineRejected {
    int valueStart = pos + 1;
    int i = valueStart;
    while (true) {
      if (i >= end) {
        pos = end;
        throw fieldRejected("unterminated string field value", startLine, keyStart, keyEnd);
      }
      byte c = buf[i];
      if (c == '"') {
        break;
      }
      if (c == '\\' && i + 1 < end) {
        i++;
        c = buf[i];
      }
      if (c == '\n') {
        line++;
      }
      i++;
    }
    pos = i + 1;
    if (pos < end && !VALUE_STOP[buf[pos] & 0xFF]) {
      throw fieldRejected("unexpected text after string field value", startLine, keyStart, keyEnd);
    }
    String key =
        Bytes.columnName(
            buf,
            keyStart,
            keyEnd,
            escaped,
            startLine,
            "field",
            "invalid string field name",
            "string field is named like a built-in column");
    if (series.tags.containsKey(key)) {
      throw new LineRejected(
          "key is both a tag and a string field [line=" + startLine + ", key=" + key + "]");
    }
    if (stringCount == stringKeys.length) {
      stringKeys = Arrays.copyOf(stringKeys, stringCount * 2);
      stringValues = Arrays.copyOf(stringValues, stringCount * 2);
    }
    stringKeys[stringCount] = key;
    stringValues[stringCount++] = Bytes.unescape(buf, valueStart, i, "\"\\");
  }

  private long parseTimestamp(Precision precision, long now, int startLine) throws LineRejected {
    skipWhitespace();
    if (pos == end || buf[pos] == '\n') {
      consumeNewline();
      return now;
    }
    int start = pos;
    // The usual timestamp, up to 18 digits, is read in one pass that cannot overflow.
    boolean negative = buf[pos] == '-';
    int digitsStart = negative ? pos + 1 : pos;
    long digits = 0;
    int i = digitsStart;
    for (; i < end && i - digitsStart < 18; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      digits = digits * 10 + digit;
    }
    if (i > digitsStart && (i == end || WHITESPACE[buf[i] & 0xFF] || buf[i] == '\n')) {
      pos = i;
      long timestamp;
      try {
        timestamp = precision.toMillis(negative ? -digits : digits);
      } catch (ArithmeticException e) {
        throw timestampOutOfRange(start, i, precision, startLine);
      }
      endOfLine(startLine);
      return timestamp;
    }
    while (pos < end && buf[pos] != '\n' && !WHITESPACE[buf[pos] & 0xFF]) {
      pos++;
    }
    int stop = pos;
    if (!Bytes.isInteger(buf, start, stop, true)) {
      throw new LineRejected(
          "invalid timestamp [line="
              + startLine
              + ", timestamp="
              + Bytes.quote(buf, start, stop)
              + "]");
    }
    long timestamp;
    try {
      timestamp = precision.toMillis(Bytes.parseLong(buf, start, stop));
    } catch (ArithmeticException e) {
      throw timestampOutOfRange(start, stop, precision, startLine);
    }
    endOfLine(startLine);
    return timestamp;
  }

  private LineRejected timestampOutOfRange(
      int start, int stop, Precision precision, int startLine) {
    return new LineRejected(
        "timestamp out of range [line="
            + startLine
            + ", timestamp="
            + Bytes.quote(buf, start, stop)
            + ", precision="
            + precision.parameter()
            + "]");
  }

  /** After the timestamp: only whitespace may follow, then the newline is consumed. */
  private void endOfLine(int startLine) throws LineRejected {
    skipWhitespace();
    if (pos < end && buf[pos] != '\n') {
      int textStart = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      throw new LineRejected(
          "unexpected text after timestamp [line="
              + startLine
              + ", text="
              + Bytes.quote(buf, textStart, pos)
              + "]");
    }
    consumeNewline();
  }

  /** Adds the line's bits, all or none: a bit the model refuses rejects the whole line. */
  private void emit(BatchBuilder out, Series series, long timestamp, int startLine)
      throws LineRejected {
    Map<String, Object> dimensions = stringCount == 0 ? Map.of() : dimensions();
    try {
      for (int k = 0; k < numericCount; k++) {
        lineBits[k] = new Bit(timestamp, numericValues[k], dimensions, series.tags);
      }
    } catch (IllegalArgumentException e) {
      throw new LineRejected(
          "invalid point [line=" + startLine + ", cause=" + e.getMessage() + "]");
    }
    for (int k = 0; k < numericCount; k++) {
      out.add(numericFields[k].metric(), lineBits[k], startLine);
    }
  }

  private Map<String, Object> dimensions() {
    Map<String, Object> dimensions = new HashMap<>();
    for (int k = 0; k < stringCount; k++) {
      dimensions.put(stringKeys[k], stringValues[k]);
    }
    return Map.copyOf(dimensions);
  }

  /** The shared instance of a metric name. */
  private String name(String name) {
    String shared = names.get(name);
    if (shared != null) {
      return shared;
    }
    if (names.size() == MAX_NAMES) {
      names.clear();
    }
    names.put(name, name);
    return name;
  }

  private void skipWhitespace() {
    while (pos < end && WHITESPACE[buf[pos] & 0xFF]) {
      pos++;
    }
  }

  private void consumeNewline() {
    if (pos < end) {
      pos++;
      line++;
    }
  }

  private void skipComment() {
    while (pos < end && buf[pos] != '\n') {
      pos++;
    }
    consumeNewline();
  }

  /**
   * Moves past the end of a rejected line. The series key has no quotes, so it is skipped as a
   * whole; from the fields on, a quoted string may hold newlines that do not end the line.
   */
  private void skipRestOfLine() {
    if (!inFields) {
      pos = Math.max(pos, seriesEnd);
    }
    boolean quoted = false;
    while (pos < end) {
      byte c = buf[pos++];
      if (c == '\n') {
        line++;
        if (!quoted) {
          return;
        }
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && pos < end && buf[pos] != '\n') {
        pos++;
      }
    }
  }

  private static boolean[] table(String bytes) {
    boolean[] table = new boolean[256];
    for (int i = 0; i < bytes.length(); i++) {
      table[bytes.charAt(i)] = true;
    }
    return table;
  }
}
