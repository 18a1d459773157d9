package io.nsdb.core.shard;

import io.nsdb.core.codec.ChunkSummary;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of a chunk document. A user column keeps its own name (names are SQL identifiers), so
 * the engine's own fields start with {@code @}, which no identifier can.
 *
 * <ul>
 *   <li>each dimension and tag: a VARCHAR as {@link KeywordField} (term + sorted doc values), a
 *       number as {@link LongField} or {@link DoubleField} (points + doc values): filtering and
 *       grouping;
 *   <li>{@code @has}: the names of the columns the series has, for {@code IS [NOT] NULL};
 *   <li>{@code @min_ts}, {@code @max_ts}: time bounds as {@link LongField}, to prune by range;
 *   <li>{@code @id}: the chunk's identity within its shard, to replace it when a DELETE rewrites
 *       it;
 *   <li>{@code @count @min @max @first @last @sum @sum_overflow @max_lsn}: numeric doc values, so
 *       whole chunks aggregate without decoding (values as raw long bits, see {@link
 *       ChunkSummary});
 *   <li>{@code @series}, {@code @points}: the series key and the compressed points, as binary doc
 *       values: read column-wise per segment, without the block decompression stored fields cost.
 * </ul>
 */
public final class ChunkFields {

  public static final String ID = "@id";
  public static final String HAS = "@has";
  public static final String MIN_TS = "@min_ts";
  public static final String MAX_TS = "@max_ts";
  public static final String COUNT = "@count";
  public static final String MIN = "@min";
  public static final String MAX = "@max";
  public static final String FIRST = "@first";
  public static final String LAST = "@last";
  public static final String SUM = "@sum";
  public static final String SUM_OVERFLOW = "@sum_overflow";
  public static final String MAX_LSN = "@max_lsn";
  public static final String SERIES = "@series";
  public static final String POINTS = "@points";

  private ChunkFields() {}

  static Document document(ChunkRecord chunk, String id) {
    Document doc = new Document();
    addColumns(doc, chunk.series().dimensions());
    addColumns(doc, chunk.series().tags());
    ChunkSummary summary = chunk.summary();
    doc.add(new KeywordField(ID, id, Field.Store.NO));
    doc.add(new LongField(MIN_TS, summary.minTimestamp(), Field.Store.NO));
    doc.add(new LongField(MAX_TS, summary.maxTimestamp(), Field.Store.NO));
    doc.add(new NumericDocValuesField(COUNT, summary.count()));
    doc.add(new NumericDocValuesField(MIN, summary.min()));
    doc.add(new NumericDocValuesField(MAX, summary.max()));
    doc.add(new NumericDocValuesField(FIRST, summary.first()));
    doc.add(new NumericDocValuesField(LAST, summary.last()));
    doc.add(new NumericDocValuesField(SUM, summary.sum()));
    doc.add(new NumericDocValuesField(SUM_OVERFLOW, summary.sumOverflow() ? 1 : 0));
    doc.add(new NumericDocValuesField(MAX_LSN, chunk.maxLsn()));
    doc.add(new BinaryDocValuesField(SERIES, SeriesKeyCodec.encode(chunk.series())));
    doc.add(new BinaryDocValuesField(POINTS, new BytesRef(chunk.points())));
    return doc;
  }

  private static void addColumns(Document doc, Map<String, Object> columns) {
    for (Map.Entry<String, Object> column : columns.entrySet()) {
      String name = column.getKey();
      doc.add(new KeywordField(HAS, name, Field.Store.NO));
      switch (column.getValue()) {
        case String s -> doc.add(new KeywordField(name, s, Field.Store.NO));
        case Long l -> doc.add(new LongField(name, l, Field.Store.NO));
        case Double d -> doc.add(new DoubleField(name, d, Field.Store.NO));
        default ->
            throw new IllegalArgumentException(
                "unsupported stored column value [column="
                    + name
                    + ", value="
                    + column.getValue()
                    + "]");
      }
    }
  }

  /** Chunks with at least one point in [from, to]. */
  public static Query overlapping(long from, long to) {
    return new BooleanQuery.Builder()
        .add(LongField.newRangeQuery(MIN_TS, Long.MIN_VALUE, to), BooleanClause.Occur.FILTER)
        .add(LongField.newRangeQuery(MAX_TS, from, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
        .build();
  }
}
