package io.nsdb.core.shard;

import io.nsdb.core.codec.ChunkSummary;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.model.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Reads chunk documents matching a query back into {@link StoredChunk}s: summary from doc values,
 * series and points from binary doc values. No scoring: every match is wanted.
 */
public final class ChunkReader {

  private ChunkReader() {}

  /** The matching chunks, with their identities (needed to replace them). */
  public static List<StoredChunk> read(
      IndexSearcher searcher, Query query, long shardStart, ValueKind kind) throws IOException {
    return read(searcher, query, shardStart, kind, true);
  }

  /**
   * The matching chunks; without {@code withIds} their identity is null, which spares a string per
   * chunk on the query path.
   */
  public static List<StoredChunk> read(
      IndexSearcher searcher, Query query, long shardStart, ValueKind kind, boolean withIds)
      throws IOException {
    List<StoredChunk> chunks = new ArrayList<>();
    forEachMatch(
        searcher,
        query,
        (reader, columns, doc) -> {
          ChunkRecord chunk =
              new ChunkRecord(
                  SeriesKeyCodec.decode(columns.binary(columns.series, doc)),
                  columns.summary(doc, kind),
                  columns.long_(columns.maxLsn, doc),
                  points(columns.binary(columns.points, doc)));
          chunks.add(new StoredChunk(withIds ? columns.id(doc) : null, shardStart, chunk));
        });
    return chunks;
  }

  /**
   * Receives what an aggregation reads: chunks as summaries when it takes them, else encoded, and
   * (from the head) single points.
   */
  public interface SummaryConsumer {
    /** Whether the summary answers for the chunk; otherwise {@link #encoded} gets its points. */
    boolean takes(ChunkSummary summary);

    void summary(ChunkSummary summary);

    /** The chunk's compressed points; valid only during the call. */
    void encoded(BytesRef points);

    /** A point not yet in any chunk: timestamp and raw value bits. */
    void point(long timestamp, long value);
  }

  /**
   * The matching chunks as summaries, or as compressed points where a summary does not answer,
   * without building records or reading series keys: the path of aggregations that need neither.
   */
  public static void summarize(
      IndexSearcher searcher, Query query, ValueKind kind, SummaryConsumer consumer)
      throws IOException {
    forEachMatch(
        searcher,
        query,
        (reader, columns, doc) -> {
          ChunkSummary summary = columns.summary(doc, kind);
          if (consumer.takes(summary)) {
            consumer.summary(summary);
          } else {
            consumer.encoded(columns.binary(columns.points, doc));
          }
        });
  }

  /**
   * Receives what a grouped aggregation reads, each chunk or point with its group: the value of the
   * grouping column (String, Long or Double), never null.
   */
  public interface GroupedConsumer {
    /**
     * Sees every chunk's summary before any chunk is taken or decoded, so that what one chunk shows
     * (a later last point) can spare decoding another.
     */
    default void observe(Object group, ChunkSummary summary) {}

    boolean takes(Object group, ChunkSummary summary);

    void summary(Object group, ChunkSummary summary);

    /** The chunk's compressed points; valid only during the call. */
    void encoded(Object group, ChunkSummary summary, BytesRef points);

    /** A point not yet in any chunk. */
    void point(Object group, long timestamp, long value);

    /**
     * The head points {@code [from, to)} of one series, sorted by time (stable), all in range; a
     * consumer that needs only some of them may skip the rest.
     */
    default void points(Object group, long[] timestamps, long[] values, int from, int to) {
      for (int i = from; i < to; i++) {
        point(group, timestamps[i], values[i]);
      }
    }
  }

  /**
   * The chunks matching {@code query} in one shard, each with the value of {@code column} from its
   * doc values (read once per distinct value and segment); chunks whose series lacks the column are
   * left out. Handed to a consumer in two steps, so that every chunk of every shard can be {@link
   * GroupedChunks#observe observed} before any is {@link GroupedChunks#deliver delivered}. The
   * searcher must stay acquired until delivery is done.
   *
   * @param type how the column is indexed: VARCHAR as terms, integers as longs, DECIMAL as doubles
   */
  public static GroupedChunks collectGrouped(
      IndexSearcher searcher, Query query, ValueKind kind, String column, ColumnType type)
      throws IOException {
    GroupedChunks collected = new GroupedChunks();
    Map<LeafReader, GroupValues> groupValues = new HashMap<>();
    forEachMatch(
        searcher,
        query,
        (reader, columns, doc) -> {
          GroupValues groups = groupValues.get(reader);
          if (groups == null) {
            groups = new GroupValues(reader, column, type);
            groupValues.put(reader, groups);
          }
          Object group = groups.of(doc);
          if (group != null) {
            collected.add(reader, doc, group, columns.summary(doc, kind));
          }
        });
    return collected;
  }

  /** Chunks collected from one shard, in document order per segment. */
  public static final class GroupedChunks {
    private final List<LeafReader> readers = new ArrayList<>();
    private final List<Integer> docs = new ArrayList<>();
    private final List<Object> groups = new ArrayList<>();
    private final List<ChunkSummary> summaries = new ArrayList<>();

    private void add(LeafReader reader, int doc, Object group, ChunkSummary summary) {
      readers.add(reader);
      docs.add(doc);
      groups.add(group);
      summaries.add(summary);
    }

    public void observe(GroupedConsumer consumer) {
      for (int i = 0; i < docs.size(); i++) {
        consumer.observe(groups.get(i), summaries.get(i));
      }
    }

    /** Each chunk as its summary when the consumer takes it, else its points. */
    public void deliver(GroupedConsumer consumer) throws IOException {
      LeafReader current = null;
      BinaryDocValues points = null;
      for (int i = 0; i < docs.size(); i++) {
        ChunkSummary summary = summaries.get(i);
        if (consumer.takes(groups.get(i), summary)) {
          consumer.summary(groups.get(i), summary);
          continue;
        }
        if (readers.get(i) != current) {
          current = readers.get(i);
          points = DocValues.getBinary(current, ChunkFields.POINTS);
        }
        if (!points.advanceExact(docs.get(i))) {
          throw new IOException("chunk document without its points [doc=" + docs.get(i) + "]");
        }
        consumer.encoded(groups.get(i), summary, points.binaryValue());
      }
    }
  }

  /** The grouping column's value per document, decoded once per term or number. */
  private static final class GroupValues {
    private final ColumnType type;
    private final SortedSetDocValues terms;
    private final SortedNumericDocValues numbers;
    private final Map<Long, Object> decoded = new HashMap<>();

    GroupValues(LeafReader reader, String column, ColumnType type) throws IOException {
      this.type = type;
      this.terms = type == ColumnType.VARCHAR ? DocValues.getSortedSet(reader, column) : null;
      this.numbers = type == ColumnType.VARCHAR ? null : DocValues.getSortedNumeric(reader, column);
    }

    Object of(int doc) throws IOException {
      if (terms != null) {
        if (!terms.advanceExact(doc)) {
          return null;
        }
        long ord = terms.nextOrd();
        Object value = decoded.get(ord);
        if (value == null) {
          value = terms.lookupOrd(ord).utf8ToString();
          decoded.put(ord, value);
        }
        return value;
      }
      if (!numbers.advanceExact(doc)) {
        return null;
      }
      long raw = numbers.nextValue();
      return type == ColumnType.DECIMAL
          ? (Object) NumericUtils.sortableLongToDouble(raw)
          : (Object) raw;
    }
  }

  /** What is done with one matching, live chunk document. */
  @FunctionalInterface
  private interface DocVisitor {
    void visit(LeafReader reader, Columns columns, int doc) throws IOException;
  }

  /** Every live document matching {@code query}, segment by segment, in document order. */
  private static void forEachMatch(IndexSearcher searcher, Query query, DocVisitor visitor)
      throws IOException {
    Weight weight =
        searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      LeafReader reader = leaf.reader();
      Bits live = reader.getLiveDocs();
      Columns columns = new Columns(reader);
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live == null || live.get(doc)) {
          visitor.visit(reader, columns, doc);
        }
      }
    }
  }

  private static byte[] points(BytesRef stored) {
    return Arrays.copyOfRange(stored.bytes, stored.offset, stored.offset + stored.length);
  }

  /** The doc values of one segment, advanced doc by doc in increasing order. */
  private static final class Columns {
    final SortedSetDocValues id;
    final SortedNumericDocValues minTs;
    final SortedNumericDocValues maxTs;
    final NumericDocValues count;
    final NumericDocValues min;
    final NumericDocValues max;
    final NumericDocValues first;
    final NumericDocValues last;
    final NumericDocValues sum;
    final NumericDocValues sumOverflow;
    final NumericDocValues maxLsn;
    final BinaryDocValues series;
    final BinaryDocValues points;

    Columns(LeafReader reader) throws IOException {
      id = DocValues.getSortedSet(reader, ChunkFields.ID);
      minTs = DocValues.getSortedNumeric(reader, ChunkFields.MIN_TS);
      maxTs = DocValues.getSortedNumeric(reader, ChunkFields.MAX_TS);
      count = DocValues.getNumeric(reader, ChunkFields.COUNT);
      min = DocValues.getNumeric(reader, ChunkFields.MIN);
      max = DocValues.getNumeric(reader, ChunkFields.MAX);
      first = DocValues.getNumeric(reader, ChunkFields.FIRST);
      last = DocValues.getNumeric(reader, ChunkFields.LAST);
      sum = DocValues.getNumeric(reader, ChunkFields.SUM);
      sumOverflow = DocValues.getNumeric(reader, ChunkFields.SUM_OVERFLOW);
      maxLsn = DocValues.getNumeric(reader, ChunkFields.MAX_LSN);
      series = DocValues.getBinary(reader, ChunkFields.SERIES);
      points = DocValues.getBinary(reader, ChunkFields.POINTS);
    }

    ChunkSummary summary(int doc, ValueKind kind) throws IOException {
      return new ChunkSummary(
          kind,
          (int) long_(count, doc),
          sortedLong(minTs, doc),
          sortedLong(maxTs, doc),
          long_(min, doc),
          long_(max, doc),
          long_(first, doc),
          long_(last, doc),
          long_(sum, doc),
          long_(sumOverflow, doc) != 0);
    }

    BytesRef binary(BinaryDocValues values, int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        throw new IOException("chunk document without its series or points [doc=" + doc + "]");
      }
      return values.binaryValue();
    }

    String id(int doc) throws IOException {
      if (!id.advanceExact(doc)) {
        throw new IOException("chunk document without @id [doc=" + doc + "]");
      }
      return id.lookupOrd(id.nextOrd()).utf8ToString();
    }

    long long_(NumericDocValues values, int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        throw new IOException("chunk document without a summary value [doc=" + doc + "]");
      }
      return values.longValue();
    }

    static long sortedLong(SortedNumericDocValues values, int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        throw new IOException("chunk document without time bounds [doc=" + doc + "]");
      }
      return values.nextValue();
    }
  }
}
