/**
 * Compression of sealed chunks: the points of one series (epoch-millisecond timestamps, each with a
 * {@code long} or a {@code double} value) become the bytes stored in a Lucene document next to the
 * chunk's {@link io.nsdb.core.codec.ChunkSummary}.
 *
 * <p>{@link io.nsdb.core.codec.ChunkEncoder} (or {@link io.nsdb.core.codec.ChunkCodec#encode})
 * writes a chunk and computes its summary; {@link io.nsdb.core.codec.ChunkDecoder} reads it back,
 * timestamps first, values on demand, and iterates without allocating per point.
 *
 * <h2>Why this codec</h2>
 *
 * <p>Timestamps are nearly regular, so their deltas of deltas are (nearly) zero; values are usually
 * decimals with a few places, read from text such as {@code 53.27}. Gorilla's XOR of consecutive
 * doubles does well on values that repeat or change in few bits, but a two-decimal random walk
 * changes most mantissa bits at every step: on the reference dataset (two-decimal random walks in
 * [0, 100], Gaussian steps of sigma 1.5) XOR takes about 57 bits per value. The same values seen as
 * integers of hundredths have deltas of sigma 150, an entropy of about 9.3 bits; their zigzag
 * deltas Golomb-Rice coded take about 9.45 bits (bit-packing each block at its widest value, 10.1).
 * So a {@code double} chunk is first tried as decimals: the smallest scale {@code k <= 9} such that
 * every value is exactly {@code (double) m / 10^k} for a {@code long m}, checked bit for bit on the
 * expression the decoder evaluates (so -0.0, NaN and infinities never pass). If no scale fits, the
 * chunk falls back to XOR. {@code long} values, scaled decimals and timestamps share one integer
 * coding, which chooses per sequence how often to difference (0, 1 or 2 times), factors out a
 * common divisor (timestamps in whole seconds, values in steps of 5, ...), and codes each block of
 * 128 residuals either bit-packed or Golomb-Rice, whichever is smaller, with an escape that keeps
 * an outlier (a gap in the timestamps) from spoiling its block. The integer coding decodes with a
 * shift, a mask and a count of trailing zeros per value, the decimals with one division more.
 *
 * <p>Measured on the reference dataset (1000 series of 3333 points, see {@code ChunkSizeTest}):
 * 1.21, 1.20, 1.19 and 1.18 bytes per point for chunks of 512, 1024, 2048 and 4096 points; the
 * timestamps take under 0.1 bit per point of that.
 *
 * <h2>Format, version 1</h2>
 *
 * <p>A chunk is a header of whole bytes followed by a bit stream.
 *
 * <pre>
 * byte 0      format version: 1
 * byte 1      flags
 *               bit 0      value kind: 0 = LONG, 1 = DOUBLE
 *               bits 1-2   value coding: 0 = integers (LONG only), 1 = decimals (DOUBLE only),
 *                          2 = XOR (DOUBLE only); 3 is invalid
 *               bits 3-6   decimal scale k, 0..9 (coding 1; 0 otherwise)
 *               bit 7      0 (reserved)
 * bytes 2..   point count n, 1..2^20, unsigned LEB128 (7 bits per byte, low group first,
 *             high bit set on every byte but the last)
 * then        bit stream: Timestamps, then Values; zero bits pad it to a whole byte
 * </pre>
 *
 * <p>The bit stream is least significant bit first: stream bit {@code i} is bit {@code i & 7} of
 * its byte {@code i >> 3}, and a field of width {@code w} written at bit {@code p} holds its
 * value's bit {@code j} at stream bit {@code p + j}. (Read as little-endian 64-bit words, bit
 * {@code i} is bit {@code i & 63} of word {@code i >> 6}, which is how {@link
 * io.nsdb.core.codec.BitReader} reads it.) In the grammar below, {@code u(w)} is an unsigned field
 * of {@code w} bits and {@code var} is a self-delimiting integer: {@code u(6)} holding {@code L -
 * 1}, then {@code u(L)}, where {@code L} (1..64) is the bit length of the unsigned value. {@code
 * zigzag(x) = (x << 1) ^ (x >> 63)} maps signed to unsigned; all arithmetic wraps modulo
 * 2<sup>64</sup>.
 *
 * <pre>
 * Timestamps  = IntSeq of the n timestamps
 * Values      = IntSeq of the n longs               (coding 0)
 *             | IntSeq of the n integers m, value = (double) m / 10^k   (coding 1)
 *             | XorSeq of the n raw double bits     (coding 2)
 *
 * IntSeq      = u(2) order r, 0..min(2, n - 1)
 *               heads: r = 1: var zigzag(x0); r = 2: var zigzag(x0), var zigzag(x1 - x0)
 *               u(1) nonzero: 0 = every residual is 0 and nothing follows
 *               [nonzero] u(1) divided, [divided] var g (g &gt;= 2)
 *               [nonzero] Block for each 128 residuals (the last block may be shorter)
 *   residuals: the n - r values s(i), i = r..n-1, of the r-th difference
 *              (r = 0: x(i); r = 1: x(i) - x(i-1); r = 2: x(i) - 2 x(i-1) + x(i-2)),
 *              each divided by g when divided, then zigzag-encoded
 *
 * Block       = u(7) h
 *               h = 0        every residual of the block is 0; nothing follows
 *               h = 1..64    bit-packed: u(h) per residual
 *               h = 65..127  Golomb-Rice with parameter k = h - 65, per residual z:
 *                              q = z >>> k &lt; 31: q zero bits, a one bit, u(k) = z's k low bits
 *                              otherwise (escape): 31 zero bits, var z
 *
 * XorSeq      = u(64) first value's bits v(0)
 *               then per value i = 1..n-1, x = v(i) ^ v(i-1):
 *                 x = 0:                         u(1) = 0
 *                 x fits the previous window:    u(1) = 1, u(1) = 0, u(len) x >>> trailing
 *                 otherwise:                     u(1) = 1, u(1) = 1, u(6) leading zeros,
 *                                                u(6) len - 1, u(len) x >>> trailing
 *               (the window is the leading / trailing zero counts of the last x written with them;
 *               x fits it when it has at least as many leading and trailing zeros; the first x
 *               written with a window always writes them)
 * </pre>
 *
 * <p>The encoder chooses the order r whose residuals have the fewest significant bits, and per
 * block the smaller of bit-packing and the best Rice parameter among a few candidates (around the
 * logarithm of the mean and the median bit length of the block). A decoder reads whatever choices
 * the stream records. The chunk has no checksum: it lives inside a Lucene segment, whose files are
 * checksummed; the decoder still rejects a truncated stream and an unknown version.
 *
 * <p>Example: 1024 points every 25 920 ms from 2024-01-01 with the constant value 42.5 take 16
 * bytes: 4 header bytes ({@code 01}, flags {@code 0b0001011} for DOUBLE, decimals, scale 1, count
 * {@code 80 08}), timestamps in {@code 2 + 48 + 22 + 1} bits (order 2, the first timestamp, the
 * interval, "all residuals zero") and values in {@code 2 + 16 + 1} bits (order 1, m = 425, "all
 * residuals zero").
 */
package io.nsdb.core.codec;
