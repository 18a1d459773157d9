package io.nsdb.core.shard;

/** A chunk read back from a shard, with the identity that deletes it (null if not read). */
public record StoredChunk(String id, long shardStart, ChunkRecord chunk) {}
