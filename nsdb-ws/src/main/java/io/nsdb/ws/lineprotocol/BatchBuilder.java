package io.nsdb.ws.lineprotocol;

import io.nsdb.core.model.Bit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one body's bits per metric, its counts and its first errors into a ParsedBatch. */
final class BatchBuilder {

  private static final class Metric {
    final List<Bit> bits = new ArrayList<>();
    final int firstLine;
    int lastLine;

    Metric(int firstLine) {
      this.firstLine = firstLine;
    }
  }

  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final List<LineError> errors = new ArrayList<>();
  private int lines;
  private int points;
  private int errorCount;

  // Consecutive lines usually go to one metric: this skips the map for them.
  private String lastName;
  private Metric last;

  void line() {
    lines++;
  }

  void add(String metric, Bit bit, int line) {
    Metric target = last;
    if (metric != lastName) {
      target = metrics.get(metric);
      if (target == null) {
        target = new Metric(line);
        metrics.put(metric, target);
      }
      lastName = metric;
      last = target;
    }
    target.bits.add(bit);
    target.lastLine = line;
    points++;
  }

  void reject(int line, String reason) {
    if (errorCount++ < ParsedBatch.MAX_ERRORS) {
      errors.add(new LineError(line, reason));
    }
  }

  ParsedBatch build() {
    Map<String, MetricBits> out = new LinkedHashMap<>();
    for (Map.Entry<String, Metric> entry : metrics.entrySet()) {
      Metric metric = entry.getValue();
      out.put(
          entry.getKey(),
          new MetricBits(
              entry.getKey(),
              Collections.unmodifiableList(metric.bits),
              metric.firstLine,
              metric.lastLine));
    }
    return new ParsedBatch(
        Collections.unmodifiableMap(out), lines, points, List.copyOf(errors), errorCount);
  }
}
