package io.nsdb.core.shard;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One time shard of one metric: a Lucene index of chunk documents. Searchers come only from its
 * {@link SearcherManager}; every commit records, in its user data, the LSN through which the
 * metric's writes are covered by Lucene commits.
 */
public final class ShardIndex implements Closeable {

  static final String COVERED_LSN = "covered_lsn";

  private final Path directory;
  private final long start;
  private final Directory luceneDirectory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private boolean dirty;

  private ShardIndex(Path directory, long start) throws IOException {
    this.directory = directory;
    this.start = start;
    this.luceneDirectory = FSDirectory.open(directory);
    IndexWriterConfig config = new IndexWriterConfig();
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(32);
    config.setCommitOnClose(false);
    this.writer = new IndexWriter(luceneDirectory, config);
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (or creates) the shard index in {@code directory}. */
  public static ShardIndex open(Path directory, long start) {
    try {
      return new ShardIndex(directory, start);
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot open shard [dir=" + directory + "]", e);
    }
  }

  public long start() {
    return start;
  }

  public Path directory() {
    return directory;
  }

  /** Adds a sealed chunk, searchable after the next {@link #refresh()}; returns its identity. */
  public String add(ChunkRecord chunk) {
    try {
      // A random 64-bit identity: unique within a shard without any state to keep.
      String id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
      writer.addDocument(ChunkFields.document(chunk, id));
      dirty = true;
      return id;
    } catch (IOException e) {
      throw failure("cannot add a chunk", e);
    }
  }

  /** Deletes the chunk with identity {@code id} (see {@link StoredChunk#id()}). */
  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(ChunkFields.ID, id));
      dirty = true;
    } catch (IOException e) {
      throw failure("cannot delete chunks", e);
    }
  }

  /** Makes every chunk added so far searchable. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw failure("cannot refresh the searcher", e);
    }
  }

  /** Whether anything was added or deleted since the last commit. */
  public boolean dirty() {
    return dirty;
  }

  /** Makes every chunk added so far durable, recording that LSNs up to {@code coveredLsn} are. */
  public void commit(long coveredLsn) {
    try {
      writer.setLiveCommitData(Map.of(COVERED_LSN, Long.toString(coveredLsn)).entrySet());
      writer.commit();
      dirty = false;
    } catch (IOException e) {
      throw failure("cannot commit", e);
    }
  }

  /**
   * A searcher on the chunks made searchable so far; the caller must {@link #release} it, in a
   * finally block.
   */
  public IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw failure("cannot acquire a searcher", e);
    }
  }

  public void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw failure("cannot release a searcher", e);
    }
  }

  /** Runs {@code work} on a searcher, released afterwards whatever happens. */
  public <T> T search(SearcherWork<T> work) {
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw failure("cannot acquire a searcher", e);
    }
    try {
      return work.apply(searcher);
    } catch (IOException e) {
      throw failure("cannot search", e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Work over a searcher that may do I/O. */
  @FunctionalInterface
  public interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Closes without committing: what was not committed is still in the commit log. */
  @Override
  public void close() {
    try {
      searchers.close();
      writer.rollback();
      luceneDirectory.close();
    } catch (IOException e) {
      throw failure("cannot close", e);
    }
  }

  private NsdbException failure(String what, IOException e) {
    return new NsdbException(
        ErrorCode.STORAGE_FAILURE, what + " [shard=" + directory + ", reason=" + e + "]", e);
  }
}
