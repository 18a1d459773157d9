package io.nsdb.core.codec;

import java.util.Objects;

/**
 * A sealed chunk: its encoded {@code bytes} (see the package documentation for the format) and its
 * {@code summary}. The array is handed over, not copied; do not modify it.
 */
public record EncodedChunk(byte[] bytes, ChunkSummary summary) {

  public EncodedChunk {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(summary, "summary");
  }
}
