package io.nsdb.core.codec;

import java.util.Random;

/**
 * A rough timing harness, not a benchmark and not a test: encodes and decodes chunks of a few kinds
 * of data on one thread and prints millions of points per second. Run it from the module directory
 * after {@code mvn test-compile}:
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes io.nsdb.core.codec.ChunkCodecThroughput [chunkSize]
 * }</pre>
 */
public final class ChunkCodecThroughput {

  private ChunkCodecThroughput() {}

  private record Dataset(String name, long[][] timestamps, long[][] values, ValueKind kind) {}

  public static void main(String[] args) {
    int chunkSize = args.length > 0 ? Integer.parseInt(args[0]) : ChunkCodec.DEFAULT_CHUNK_SIZE;
    int chunks = 3000;
    Dataset[] datasets = {
      reference(chunks, chunkSize), counters(chunks, chunkSize), randomDoubles(chunks, chunkSize)
    };
    System.out.println(
        "rough single-thread timings, chunk size " + chunkSize + ", " + chunks + " chunks each");
    for (Dataset d : datasets) {
      run(d, chunkSize);
    }
  }

  private static void run(Dataset d, int chunkSize) {
    ChunkEncoder encoder = new ChunkEncoder();
    ChunkDecoder decoder = new ChunkDecoder();
    int chunks = d.timestamps().length;
    byte[][] encoded = new byte[chunks][];
    long bytes = 0;
    long points = (long) chunks * chunkSize;
    double bestEncode = Double.MAX_VALUE;
    double bestDecode = Double.MAX_VALUE;
    double bestTimestamps = Double.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < 15; round++) {
      long t0 = System.nanoTime();
      bytes = 0;
      for (int c = 0; c < chunks; c++) {
        encoded[c] = encoder.encode(d.timestamps()[c], d.values()[c], chunkSize, d.kind()).bytes();
        bytes += encoded[c].length;
      }
      long t1 = System.nanoTime();
      for (int c = 0; c < chunks; c++) {
        decoder.reset(encoded[c]);
        while (decoder.next()) {
          sink += decoder.timestamp() ^ decoder.rawValue();
        }
      }
      long t2 = System.nanoTime();
      for (int c = 0; c < chunks; c++) {
        decoder.reset(encoded[c]);
        sink += decoder.seek(decoder.maxTimestamp());
      }
      long t3 = System.nanoTime();
      bestEncode = Math.min(bestEncode, (t1 - t0) / (double) points);
      bestDecode = Math.min(bestDecode, (t2 - t1) / (double) points);
      bestTimestamps = Math.min(bestTimestamps, (t3 - t2) / (double) points);
    }
    System.out.printf(
        "%-32s %.3f bytes/point  encode %6.1f M points/s  decode+iterate %6.1f M points/s"
            + "  timestamps only %6.1f M points/s  (%d)%n",
        d.name(),
        (double) bytes / points,
        1e3 / bestEncode,
        1e3 / bestDecode,
        1e3 / bestTimestamps,
        sink & 1);
  }

  private static Dataset reference(int chunks, int size) {
    ReferenceData data = new ReferenceData(1);
    long[][] ts = new long[chunks][size];
    long[][] vs = new long[chunks][size];
    for (int c = 0; c < chunks; c++) {
      data.nextSeries(ts[c], vs[c], size);
    }
    return new Dataset("reference (2-decimal walk)", ts, vs, ValueKind.DOUBLE);
  }

  private static Dataset counters(int chunks, int size) {
    Random random = new Random(2);
    long[][] ts = new long[chunks][size];
    long[][] vs = new long[chunks][size];
    for (int c = 0; c < chunks; c++) {
      long t = 1_704_067_200_000L;
      long v = random.nextInt(1_000_000);
      for (int i = 0; i < size; i++) {
        t += 10_000 + random.nextInt(21) - 10; // 10 s +- 10 ms of jitter
        v += random.nextInt(5000);
        ts[c][i] = t;
        vs[c][i] = v;
      }
    }
    return new Dataset("long counters, jittered ts", ts, vs, ValueKind.LONG);
  }

  private static Dataset randomDoubles(int chunks, int size) {
    Random random = new Random(3);
    long[][] ts = new long[chunks][size];
    long[][] vs = new long[chunks][size];
    for (int c = 0; c < chunks; c++) {
      double v = 50;
      for (int i = 0; i < size; i++) {
        v += random.nextGaussian();
        ts[c][i] = 1_704_067_200_000L + i * 1000L;
        vs[c][i] = Double.doubleToRawLongBits(v);
      }
    }
    return new Dataset("full-precision doubles (XOR)", ts, vs, ValueKind.DOUBLE);
  }
}
