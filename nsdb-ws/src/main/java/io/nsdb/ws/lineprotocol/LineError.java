package io.nsdb.ws.lineprotocol;

/**
 * A rejected line: its 1-based number in the body (where the line starts, when a string field spans
 * lines) and why, as {@code what happened [line=N, key=value, ...]}.
 */
public record LineError(int lineNumber, String reason) {}
