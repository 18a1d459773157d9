package io.nsdb.core.codec;

/**
 * Entry points and constants of the chunk format (documented in the package documentation).
 *
 * <p>{@link #encode} and {@link #decoder()} are conveniences that allocate a fresh {@link
 * ChunkEncoder} or {@link ChunkDecoder}; code that encodes or decodes many chunks should keep one
 * of each per thread instead.
 */
public final class ChunkCodec {

  /** The version byte that starts every chunk written by this code. */
  public static final byte FORMAT_VERSION = 1;

  /**
   * The most points a chunk may hold (2<sup>20</sup>): far above any sensible chunk size, and low
   * enough that a corrupt count cannot make a decoder allocate more than 16 MiB.
   */
  public static final int MAX_COUNT = 1 << 20;

  /**
   * The chunk size the storage should seal at. On the reference dataset (two-decimal random walks
   * sampled regularly) chunks of 512, 1024, 2048 and 4096 points take 1.21, 1.20, 1.19 and 1.18
   * bytes per point: 1024 is within about 1% of the largest, while keeping the unit of decoding
   * (and of time pruning) small and the per-document overhead of Lucene amortised.
   */
  public static final int DEFAULT_CHUNK_SIZE = 1024;

  /** Value coding (bits 1-2 of the flags byte): integers through the integer sequence coding. */
  static final int CODING_INTEGER = 0;

  /** Value coding: doubles as decimals, scaled integers through the integer sequence coding. */
  static final int CODING_DECIMAL = 1;

  /** Value coding: doubles through Gorilla XOR. */
  static final int CODING_XOR = 2;

  private ChunkCodec() {}

  /**
   * Encodes a chunk with a fresh {@link ChunkEncoder}; see {@link ChunkEncoder#encode}.
   *
   * @throws IllegalArgumentException if the timestamps are not sorted or {@code count} is out of
   *     range
   */
  public static EncodedChunk encode(long[] timestamps, long[] values, int count, ValueKind kind) {
    return new ChunkEncoder().encode(timestamps, values, count, kind);
  }

  /** A fresh decoder; {@link ChunkDecoder#reset(byte[]) reset} it onto a chunk. */
  public static ChunkDecoder decoder() {
    return new ChunkDecoder();
  }
}
