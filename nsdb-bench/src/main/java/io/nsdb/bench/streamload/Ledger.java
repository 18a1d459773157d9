package io.nsdb.bench.streamload;

import org.HdrHistogram.Histogram;

/**
 * Every point of the run by its sequence number (its value): when its batch was sent and
 * acknowledged, and when its record first arrived in a frame. Point {@code s} is in batch {@code s
 * / batch} and belongs to host {@code s % hosts}, so only the socket subscribed to that host writes
 * its arrival; the latencies are computed once the run is over.
 *
 * <p>Memory model: writers fill {@link #sendNanos} and {@link #ackNanos} and are joined before the
 * analysis; each socket writes {@link #arrivalNanos} under its own lock, which the analysis takes
 * too ({@link StreamSocket#settle}), so every write is seen.
 */
final class Ledger {

  final int batch;
  final int hosts;
  final long points;
  final long[] sendNanos;
  final long[] ackNanos;
  final long[] arrivalNanos;

  Ledger(int batches, int batch, int hosts) {
    this.batch = batch;
    this.hosts = hosts;
    this.points = (long) batches * batch;
    if (points > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many points for one run [points=" + points + "]");
    }
    this.sendNanos = new long[batches];
    this.ackNanos = new long[batches];
    this.arrivalNanos = new long[(int) points];
  }

  /** Points inserted for {@code host}: those below {@link #points} congruent to it. */
  long pointsOf(int host) {
    return points / hosts + (host < points % hosts ? 1 : 0);
  }

  /**
   * The latencies of every point received, in microseconds: from its batch's send, and from its
   * batch's acknowledgement (a record may arrive before its batch's response: those count in {@code
   * beforeAck} and as 0 in the second histogram); and from the send again, per slice of the run.
   */
  record Latencies(Histogram fromSend, Histogram fromAck, long beforeAck, Histogram[] bySlice) {}

  /** {@code slices}: how many equal parts of the run (by batch) get a histogram of their own. */
  Latencies latencies(int slices) {
    Histogram fromSend = new Histogram(3);
    Histogram fromAck = new Histogram(3);
    Histogram[] bySlice = new Histogram[slices];
    for (int i = 0; i < slices; i++) {
      bySlice[i] = new Histogram(3);
    }
    int batches = sendNanos.length;
    long beforeAck = 0;
    for (int seq = 0; seq < arrivalNanos.length; seq++) {
      long arrival = arrivalNanos[seq];
      if (arrival == 0) {
        continue;
      }
      int b = seq / batch;
      long micros = Math.max(0, (arrival - sendNanos[b]) / 1_000);
      fromSend.recordValue(micros);
      bySlice[(int) ((long) b * slices / batches)].recordValue(micros);
      long sinceAck = arrival - ackNanos[b];
      if (sinceAck < 0) {
        beforeAck++;
      }
      fromAck.recordValue(Math.max(0, sinceAck / 1_000));
    }
    return new Latencies(fromSend, fromAck, beforeAck, bySlice);
  }
}
