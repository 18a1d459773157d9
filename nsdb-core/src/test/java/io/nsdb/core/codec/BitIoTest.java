package io.nsdb.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitIoTest {

  @Test
  void fieldsOfEveryWidthRoundTrip() {
    Seeded.run(
        "fieldsOfEveryWidthRoundTrip",
        random -> {
          BitWriter writer = new BitWriter(1); // forces growth
          BitReader reader = new BitReader();
          for (int iteration = 0; iteration < 50; iteration++) {
            writer.reset();
            int fields = random.nextInt(2000);
            long[] values = new long[fields];
            int[] widths = new int[fields];
            boolean[] var = new boolean[fields];
            int bits = 0;
            for (int i = 0; i < fields; i++) {
              widths[i] = random.nextInt(65);
              values[i] = random.nextLong(); // bits above the width must be ignored
              var[i] = random.nextInt(4) == 0;
              if (var[i]) {
                values[i] >>>= random.nextInt(64);
                writer.writeVarBits(values[i]);
                bits += 6 + Math.max(1, 64 - Long.numberOfLeadingZeros(values[i]));
              } else {
                writer.write(values[i], widths[i]);
                bits += widths[i];
              }
            }
            assertEquals(bits, writer.bitLength());
            assertEquals((bits + 7) / 8, writer.byteLength());
            int offset = random.nextInt(9);
            byte[] bytes = new byte[offset + writer.byteLength() + random.nextInt(9)];
            writer.copyTo(bytes, offset);
            reader.load(bytes, offset, writer.byteLength());
            for (int i = 0; i < fields; i++) {
              if (var[i]) {
                assertEquals(values[i], reader.readVarBits(), "var field " + i);
              } else {
                long mask = widths[i] == 64 ? -1L : (1L << widths[i]) - 1;
                assertEquals(values[i] & mask, reader.read(widths[i]), "field " + i);
              }
            }
            assertEquals(bits, reader.position());
            assertFalse(reader.overrun());
          }
        });
  }

  @Test
  void bitsAreLeastSignificantFirstInLittleEndianBytes() {
    BitWriter writer = new BitWriter();
    writer.writeBit(true);
    writer.write(0b101, 3);
    writer.write(0xABCD, 16);
    byte[] bytes = new byte[writer.byteLength()];
    writer.copyTo(bytes, 0);
    // 1 | 101 << 1 | 0xABCD << 4 = 0xABCDB
    assertEquals(3, bytes.length);
    assertEquals((byte) 0xDB, bytes[0]);
    assertEquals((byte) 0xBC, bytes[1]);
    assertEquals((byte) 0x0A, bytes[2]);
  }

  @Test
  void peekSkipAndReadingPastTheEnd() {
    BitWriter writer = new BitWriter();
    writer.write(0b1000, 4);
    writer.write(-1L, 64);
    byte[] bytes = new byte[writer.byteLength()];
    writer.copyTo(bytes, 0);
    BitReader reader = new BitReader(bytes);
    assertEquals(3, Long.numberOfTrailingZeros(reader.peek()));
    reader.skip(4);
    assertEquals(-1L, reader.peek());
    assertEquals(-1L, reader.read(64));
    assertFalse(reader.overrun());
    assertEquals(0, reader.read(64), "past the end reads zeros");
    assertTrue(reader.overrun());
  }
}
