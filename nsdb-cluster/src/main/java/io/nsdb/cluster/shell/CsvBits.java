package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CSV that {@code \import} reads (docs/shell.md): a header row naming the columns, then one
 * point per row. {@code timestamp} (epoch milliseconds or ISO-8601, e.g. {@code
 * 2024-01-01T00:00:00Z}) and {@code value} (a number) are required; {@code metric} is required
 * unless the import names one; {@code tag:name} is a tag, {@code dim:name} or a plain {@code name}
 * a dimension. An empty cell leaves the column out of that point; an unquoted number is a number,
 * anything else (and anything quoted) a string.
 */
final class CsvBits {

  /** A point read from a row: its metric and its bit in {@code POST /data}'s shape. */
  record Point(String metric, ObjectNode bit) {}

  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");

  private enum Kind {
    METRIC,
    TIMESTAMP,
    VALUE,
    DIMENSION,
    TAG
  }

  private record Column(Kind kind, String name) {}

  private final List<Column> columns;
  private final Optional<String> metric;

  private CsvBits(List<Column> columns, Optional<String> metric) {
    this.columns = columns;
    this.metric = metric;
  }

  /**
   * Reads the header; {@code metric} names the metric of every row when the file has no {@code
   * metric} column. Throws {@link IllegalArgumentException} saying what is wrong with it.
   */
  static CsvBits header(String line, Optional<String> metric) {
    List<Column> columns = new ArrayList<>();
    for (CsvCells.Cell cell : CsvCells.split(line)) {
      String name = cell.text().strip();
      String lower = name.toLowerCase(Locale.ROOT);
      Column column =
          switch (lower) {
            case "metric" -> new Column(Kind.METRIC, name);
            case "timestamp" -> new Column(Kind.TIMESTAMP, name);
            case "value" -> new Column(Kind.VALUE, name);
            default -> {
              if (lower.startsWith("tag:")) {
                yield new Column(Kind.TAG, name.substring(4));
              }
              yield new Column(Kind.DIMENSION, lower.startsWith("dim:") ? name.substring(4) : name);
            }
          };
      if (column.name().isEmpty()) {
        throw new IllegalArgumentException("the header has a column without a name");
      }
      columns.add(column);
    }
    require(columns, Kind.TIMESTAMP);
    require(columns, Kind.VALUE);
    if (metric.isEmpty() && columns.stream().noneMatch(c -> c.kind() == Kind.METRIC)) {
      throw new IllegalArgumentException(
          "the header has no metric column; add one or name the metric with --metric");
    }
    return new CsvBits(List.copyOf(columns), metric);
  }

  /**
   * The point of one row; throws {@link IllegalArgumentException} with the reason it is refused.
   */
  Point point(String line) {
    List<CsvCells.Cell> cells = CsvCells.split(line);
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " cells, found " + cells.size());
    }
    ObjectNode bit = ServerClient.JSON.createObjectNode();
    ObjectNode dimensions = ServerClient.JSON.createObjectNode();
    ObjectNode tags = ServerClient.JSON.createObjectNode();
    String rowMetric = metric.orElse(null);
    for (int i = 0; i < cells.size(); i++) {
      Column column = columns.get(i);
      CsvCells.Cell cell = cells.get(i);
      String text = cell.quoted() ? cell.text() : cell.text().strip();
      switch (column.kind()) {
        case METRIC -> rowMetric = text.isEmpty() ? rowMetric : text;
        case TIMESTAMP -> bit.put("timestamp", timestamp(text));
        case VALUE -> {
          if (cell.quoted() || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("value is not a number [value=" + text + "]");
          }
          put(bit, "value", text);
        }
        case DIMENSION, TAG -> {
          ObjectNode target = column.kind() == Kind.TAG ? tags : dimensions;
          if (text.isEmpty()) {
            continue;
          }
          if (cell.quoted() || !DECIMAL.matcher(text).matches()) {
            target.put(column.name(), text);
          } else {
            put(target, column.name(), text);
          }
        }
      }
    }
    if (rowMetric == null || rowMetric.isEmpty()) {
      throw new IllegalArgumentException("the row names no metric");
    }
    bit.set("dimensions", dimensions);
    bit.set("tags", tags);
    return new Point(rowMetric, bit);
  }

  private static long timestamp(String text) {
    if (INTEGER.matcher(text).matches()) {
      return Long.parseLong(text);
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp is neither epoch milliseconds nor ISO-8601 [timestamp=" + text + "]");
    }
  }

  /** A number cell: a whole number is BIGINT, any other DECIMAL, as {@code /data} reads JSON. */
  private static void put(ObjectNode target, String name, String number) {
    if (INTEGER.matcher(number).matches()) {
      target.put(name, Long.parseLong(number));
    } else {
      double value = Double.parseDouble(number);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("number out of range [column=" + name + "]");
      }
      target.put(name, value);
    }
  }

  private static void require(List<Column> columns, Kind kind) {
    if (columns.stream().noneMatch(c -> c.kind() == kind)) {
      throw new IllegalArgumentException(
          "the header has no " + kind.name().toLowerCase(Locale.ROOT) + " column");
    }
  }
}
