package io.nsdb.core.catalog;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A small file of ours, written whole and atomically: magic, format name, version, payload,
 * checksum. See the package documentation for the layout.
 */
public final class MetadataFile {

  private static final byte[] MAGIC = "NSDBMETA".getBytes(StandardCharsets.US_ASCII);

  private MetadataFile() {}

  /** Replaces {@code file} with the payload; on return it is on disk under that name. */
  public static void write(Path file, String format, int version, byte[] payload) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeUTF(format);
      out.writeInt(version);
      out.writeInt(payload.length);
      out.write(payload);
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();

      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(file.getParent());
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot write metadata file [file=" + file + "]", e);
    }
  }

  /** The payload of {@code file}, after checking magic, format, version and checksum. */
  public static byte[] read(Path file, String format, int version) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metadata file " + file, e);
    }
    ByteBuffer in = ByteBuffer.wrap(content);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupt(file, 0, "magic NSDBMETA", new String(magic, StandardCharsets.ISO_8859_1));
      }
      int formatOffset = in.position();
      int formatLength = Short.toUnsignedInt(in.getShort());
      byte[] formatBytes = new byte[formatLength];
      in.get(formatBytes);
      String actualFormat = new String(formatBytes, StandardCharsets.UTF_8);
      if (!actualFormat.equals(format)) {
        throw corrupt(file, formatOffset, "format " + format, actualFormat);
      }
      int versionOffset = in.position();
      int actualVersion = in.getInt();
      if (actualVersion != version) {
        throw corrupt(file, versionOffset, "version " + version, Integer.toString(actualVersion));
      }
      int length = in.getInt();
      if (length < 0 || length > in.remaining() - Long.BYTES) {
        throw corrupt(
            file, in.position() - Integer.BYTES, "payload length within the file", "" + length);
      }
      byte[] payload = new byte[length];
      in.get(payload);
      int checksumOffset = in.position();
      CRC32C crc = new CRC32C();
      crc.update(content, 0, checksumOffset);
      long expected = in.getLong();
      if (expected != crc.getValue()) {
        throw corrupt(
            file,
            checksumOffset,
            "checksum " + Long.toHexString(expected),
            Long.toHexString(crc.getValue()));
      }
      if (in.hasRemaining()) {
        throw corrupt(file, in.position(), "end of file", in.remaining() + " more bytes");
      }
      return payload;
    } catch (BufferUnderflowException e) {
      throw corrupt(file, content.length, "more bytes", "end of file");
    }
  }

  private static NsdbException corrupt(Path file, long offset, String expected, String actual) {
    return new NsdbException(
        ErrorCode.CORRUPT_DATA,
        "corrupt metadata file [file="
            + file
            + ", offset="
            + offset
            + ", expected="
            + expected
            + ", actual="
            + actual
            + "]");
  }

  /** Makes a rename durable; some file systems refuse to open a directory, which is harmless. */
  public static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!(e.getMessage() != null && e.getMessage().contains("Is a directory"))) {
        throw e;
      }
    }
  }
}
