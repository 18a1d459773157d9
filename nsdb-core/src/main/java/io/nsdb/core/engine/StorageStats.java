package io.nsdb.core.engine;

/**
 * The engine's figures at one moment.
 *
 * @param headPoints points held only in memory
 * @param headBuffers open head buffers (series times shards with unsealed points)
 * @param headBytes bytes held by the head's arrays
 * @param metrics metrics with data
 * @param shards open Lucene shard indexes
 * @param pendingChunks sealed chunks not yet in a searcher
 * @param sealedChunks chunks sealed since the engine opened
 * @param nextLsn the LSN the next write gets
 * @param durableLsn every LSN up to this is forced to disk
 * @param fsyncs commit-log fsyncs since the engine opened
 * @param logSegments commit-log segment files
 * @param logBytes commit-log bytes on disk
 */
public record StorageStats(
    long headPoints,
    long headBuffers,
    long headBytes,
    int metrics,
    int shards,
    int pendingChunks,
    long sealedChunks,
    long nextLsn,
    long durableLsn,
    long fsyncs,
    int logSegments,
    long logBytes) {

  /** Sums the per-metric figures. */
  static final class Builder {
    long headPoints;
    long headBuffers;
    long headBytes;
    int shards;
    int pendingChunks;
    long sealedChunks;
  }
}
