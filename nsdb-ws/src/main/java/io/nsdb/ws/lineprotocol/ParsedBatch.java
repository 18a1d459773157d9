package io.nsdb.ws.lineprotocol;

import java.util.List;
import java.util.Map;

/**
 * What a body parsed to.
 *
 * @param metrics the bits of each metric name, metrics in the order they first appear
 * @param lines data lines seen, accepted or rejected (blank lines and comments are not lines)
 * @param points bits produced, over all metrics
 * @param errors the first {@link #MAX_ERRORS} rejected lines, in input order
 * @param errorCount every rejected line, including those past the cap
 */
public record ParsedBatch(
    Map<String, MetricBits> metrics,
    int lines,
    int points,
    List<LineError> errors,
    int errorCount) {

  /** How many errors a batch keeps; later ones are only counted. */
  public static final int MAX_ERRORS = 100;

  /** Lines that produced bits. */
  public int acceptedLines() {
    return lines - errorCount;
  }
}
