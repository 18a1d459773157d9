package io.nsdb.ws.service;

import io.nsdb.ws.lineprotocol.LineProtocolParser;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Function;

/**
 * Line-protocol parsers shared by the write workers. A parser is not thread-safe and its series
 * cache is what makes a repeated series cheap, so parsers are reused rather than made per request;
 * at most {@code capacity} are kept (each cache bounded), so memory does not grow with the number
 * of worker threads. A request that finds none idle gets a fresh one.
 */
final class ParserPool {

  private final ArrayBlockingQueue<LineProtocolParser> idle;

  ParserPool(int capacity) {
    this.idle = new ArrayBlockingQueue<>(capacity);
  }

  <T> T with(Function<LineProtocolParser, T> work) {
    LineProtocolParser parser = idle.poll();
    if (parser == null) {
      parser = new LineProtocolParser(LineProtocolParser.DEFAULT_MAX_SERIES);
    }
    try {
      return work.apply(parser);
    } finally {
      idle.offer(parser);
    }
  }
}
