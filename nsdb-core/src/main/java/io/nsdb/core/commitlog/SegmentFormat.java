package io.nsdb.core.commitlog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The bytes of a segment file: its name, its header, and the framing of its records. The layout is
 * in {@code package-info.java}.
 */
final class SegmentFormat {

  static final byte[] MAGIC = {'N', 'S', 'D', 'B'};
  static final String FORMAT_NAME = "nsdb-commitlog";
  static final int VERSION = 1;

  private static final byte[] FORMAT_NAME_BYTES = FORMAT_NAME.getBytes(StandardCharsets.US_ASCII);
  static final int NAME_OFFSET = MAGIC.length;
  static final int VERSION_OFFSET = NAME_OFFSET + 1 + FORMAT_NAME_BYTES.length;
  static final int FIRST_LSN_OFFSET = VERSION_OFFSET + 4;
  static final int HEADER_CRC_OFFSET = FIRST_LSN_OFFSET + 8;
  static final int HEADER_SIZE = HEADER_CRC_OFFSET + 4;

  /** Length and checksum, before the body. */
  static final int RECORD_PREFIX = 8;

  /** A body is at least an LSN, a type and a one-byte LSN count. */
  static final int MIN_BODY = 8 + 1 + 1;

  static final int MAX_BODY = 1 << 30;

  private static final String PREFIX = "commitlog-";
  private static final String SUFFIX = ".log";
  private static final int DIGITS = 20;

  private SegmentFormat() {}

  /** {@code commitlog-<first LSN, 20 digits>.log}: names sort like LSNs. */
  static String fileName(long firstLsn) {
    return PREFIX + String.format("%0" + DIGITS + "d", firstLsn) + SUFFIX;
  }

  /** The first LSN in a segment's file name, or -1 if the file is not a segment. */
  static long firstLsnOf(Path file) {
    String name = file.getFileName().toString();
    if (name.length() != PREFIX.length() + DIGITS + SUFFIX.length()
        || !name.startsWith(PREFIX)
        || !name.endsWith(SUFFIX)) {
      return -1;
    }
    String digits = name.substring(PREFIX.length(), PREFIX.length() + DIGITS);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      long lsn = Long.parseLong(digits);
      return lsn >= 1 ? lsn : -1;
    } catch (NumberFormatException e) {
      return -1; // more than Long.MAX_VALUE
    }
  }

  static byte[] header(long firstLsn) {
    byte[] h = new byte[HEADER_SIZE];
    System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
    h[NAME_OFFSET] = (byte) FORMAT_NAME_BYTES.length;
    System.arraycopy(FORMAT_NAME_BYTES, 0, h, NAME_OFFSET + 1, FORMAT_NAME_BYTES.length);
    Bytes.putInt(h, VERSION_OFFSET, VERSION);
    Bytes.putLong(h, FIRST_LSN_OFFSET, firstLsn);
    Bytes.putInt(h, HEADER_CRC_OFFSET, crc(h, 0, HEADER_CRC_OFFSET));
    return h;
  }

  /**
   * Checks a whole header against the file's name.
   *
   * @throws CorruptCommitLogException naming the first field that is wrong
   */
  static void checkHeader(byte[] h, Path file, long nameLsn) throws CorruptCommitLogException {
    if (!Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptCommitLogException(
          "bad magic, not a commit log segment", file, 0, hex(MAGIC, 0, 4), hex(h, 0, 4));
    }
    int nameLength = h[NAME_OFFSET] & 0xFF;
    if (nameLength != FORMAT_NAME_BYTES.length
        || !Arrays.equals(
            h, NAME_OFFSET + 1, VERSION_OFFSET, FORMAT_NAME_BYTES, 0, FORMAT_NAME_BYTES.length)) {
      throw new CorruptCommitLogException(
          "unknown format name",
          file,
          NAME_OFFSET,
          FORMAT_NAME,
          hex(h, NAME_OFFSET, VERSION_OFFSET - NAME_OFFSET));
    }
    int version = Bytes.getInt(h, VERSION_OFFSET);
    if (version != VERSION) {
      throw new CorruptCommitLogException(
          "unsupported format version",
          file,
          VERSION_OFFSET,
          String.valueOf(VERSION),
          String.valueOf(version));
    }
    int stored = Bytes.getInt(h, HEADER_CRC_OFFSET);
    int actual = crc(h, 0, HEADER_CRC_OFFSET);
    if (stored != actual) {
      throw new CorruptCommitLogException(
          "header checksum mismatch", file, HEADER_CRC_OFFSET, hex(actual), hex(stored));
    }
    long firstLsn = Bytes.getLong(h, FIRST_LSN_OFFSET);
    if (firstLsn != nameLsn) {
      throw new CorruptCommitLogException(
          "first LSN in the header differs from the file name",
          file,
          FIRST_LSN_OFFSET,
          String.valueOf(nameLsn),
          String.valueOf(firstLsn));
    }
  }

  /**
   * Frames an entry as a record, leaving the LSN and checksum to {@link #seal}: this part can run
   * before the writer takes its lock.
   */
  static byte[] record(LogEntry entry) {
    // Sized for a typical bit (~20 bytes) so a large batch is not copied a dozen times as it grows.
    Bytes.Out out = new Bytes.Out(64 + (int) Math.min(entry.lsnCount() * 24L, 64L << 20));
    out.skip(RECORD_PREFIX + 8); // length, checksum, LSN
    out.writeByte(EntryCodec.type(entry));
    out.writeVarLong(entry.lsnCount());
    EntryCodec.writePayload(entry, out);
    int body = out.size() - RECORD_PREFIX;
    if (body > MAX_BODY) {
      throw new IllegalArgumentException(
          "entry too large for the commit log [bytes=" + body + ", max=" + MAX_BODY + "]");
    }
    byte[] record = Arrays.copyOf(out.array(), out.size());
    Bytes.putInt(record, 0, body);
    return record;
  }

  /** Sets a framed record's LSN and checksum. */
  static void seal(byte[] record, long lsn) {
    Bytes.putLong(record, RECORD_PREFIX, lsn);
    Bytes.putInt(record, 4, recordCrc(record, 0, record.length - RECORD_PREFIX));
  }

  /** CRC32C of a record's length field and body; {@code at} is where the record starts. */
  static int recordCrc(byte[] b, int at, int bodyLength) {
    CRC32C crc = new CRC32C();
    crc.update(b, at, 4);
    crc.update(b, at + RECORD_PREFIX, bodyLength);
    return (int) crc.getValue();
  }

  static int crc(byte[] b, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, offset, length);
    return (int) crc.getValue();
  }

  static String hex(int v) {
    return "0x" + HexFormat.of().toHexDigits(v);
  }

  static String hex(byte[] b, int offset, int length) {
    return "0x" + HexFormat.of().formatHex(b, offset, offset + Math.min(length, b.length - offset));
  }
}
