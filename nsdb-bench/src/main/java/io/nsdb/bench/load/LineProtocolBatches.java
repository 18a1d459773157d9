package io.nsdb.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Bodies for {@code POST /write}: the lines {@code gen_data.py} writes, byte for byte ({@code
 * cpu,host=host_0042,region=region_2,datacenter=dc_2_1 value=53.27 1704067200000}).
 */
final class LineProtocolBatches extends RequestBatches {

  private final StringBuilder batch = new StringBuilder();

  LineProtocolBatches(int batchSize) {
    super(batchSize);
  }

  @Override
  void add(Series series, long timestampMs, long hundredths, boolean first) {
    batch
        .append(series.lineProtocolPrefix())
        .append(PointSink.decimal(hundredths))
        .append(' ')
        .append(timestampMs)
        .append('\n');
  }

  @Override
  byte[] endBatch() {
    byte[] body = batch.toString().getBytes(StandardCharsets.US_ASCII);
    batch.setLength(0);
    return body;
  }

  @Override
  String path() {
    return "/write?db=bench&namespace=bench&precision=ms";
  }

  @Override
  String contentType() {
    return "text/plain; charset=utf-8";
  }
}
