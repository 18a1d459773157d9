package io.nsdb.ws.lineprotocol;

/**
 * Thrown inside the parser when a line is bad, caught at the line's level and turned into a {@link
 * LineError}; it never leaves the parser. It has no stack trace: a client may send thousands of bad
 * lines and filling a trace for each would cost more than parsing them.
 */
final class LineRejected extends Exception {

  LineRejected(String reason) {
    super(reason, null, false, false);
  }
}
