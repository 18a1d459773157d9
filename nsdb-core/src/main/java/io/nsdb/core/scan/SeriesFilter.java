package io.nsdb.core.scan;

import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.shard.ChunkFields;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Which series a scan reads, decided on the series' columns alone. One filter is both a Lucene
 * query over chunk documents and a test over the head's series keys, so sealed and unsealed data
 * are selected alike. Logic is two-valued: {@code Not(Equals(host, a))} selects series without a
 * host too; the query planner adds {@link Exists} where SQL's NULL rules want it.
 */
public sealed interface SeriesFilter {

  SeriesFilter ALL = new All();

  /** The Lucene query over chunk documents. */
  Query toQuery();

  /** Whether a series passes. */
  boolean test(SeriesKey series);

  /** Every series. */
  record All() implements SeriesFilter {
    @Override
    public Query toQuery() {
      return new MatchAllDocsQuery();
    }

    @Override
    public boolean test(SeriesKey series) {
      return true;
    }
  }

  /** The column equals the value (String, Long or Double, as stored). */
  record Equals(String column, Object value) implements SeriesFilter {
    public Equals {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Query toQuery() {
      return switch (value) {
        case String s -> KeywordField.newExactQuery(column, s);
        case Long l -> LongField.newExactQuery(column, l);
        case Double d -> DoubleField.newExactQuery(column, d);
        default -> throw new IllegalArgumentException("unsupported value " + value);
      };
    }

    @Override
    public boolean test(SeriesKey series) {
      return value.equals(series.column(column));
    }
  }

  /** The numeric column is within [lower, upper]; Long bounds compare longs, else doubles. */
  record Between(String column, Number lower, Number upper) implements SeriesFilter {
    public Between {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(lower, "lower");
      Objects.requireNonNull(upper, "upper");
    }

    private boolean longs() {
      return lower instanceof Long && upper instanceof Long;
    }

    @Override
    public Query toQuery() {
      return longs()
          ? LongField.newRangeQuery(column, lower.longValue(), upper.longValue())
          : DoubleField.newRangeQuery(column, lower.doubleValue(), upper.doubleValue());
    }

    @Override
    public boolean test(SeriesKey series) {
      if (!(series.column(column) instanceof Number actual)) {
        return false;
      }
      if (longs() && actual instanceof Long l) {
        return l >= lower.longValue() && l <= upper.longValue();
      }
      double d = actual.doubleValue();
      return d >= lower.doubleValue() && d <= upper.doubleValue();
    }
  }

  /** The series has the column. */
  record Exists(String column) implements SeriesFilter {
    @Override
    public Query toQuery() {
      return KeywordField.newExactQuery(ChunkFields.HAS, column);
    }

    @Override
    public boolean test(SeriesKey series) {
      return series.column(column) != null;
    }
  }

  /** The operand does not hold. */
  record Not(SeriesFilter operand) implements SeriesFilter {
    @Override
    public Query toQuery() {
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(operand.toQuery(), Occur.MUST_NOT)
          .build();
    }

    @Override
    public boolean test(SeriesKey series) {
      return !operand.test(series);
    }
  }

  /** Every operand holds. */
  record And(List<SeriesFilter> operands) implements SeriesFilter {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public Query toQuery() {
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      operands.forEach(o -> query.add(o.toQuery(), Occur.FILTER));
      return operands.isEmpty() ? new MatchAllDocsQuery() : query.build();
    }

    @Override
    public boolean test(SeriesKey series) {
      return operands.stream().allMatch(o -> o.test(series));
    }
  }

  /** At least one operand holds. */
  record Or(List<SeriesFilter> operands) implements SeriesFilter {
    public Or {
      operands = List.copyOf(operands);
      if (operands.isEmpty()) {
        throw new IllegalArgumentException("OR needs an operand");
      }
    }

    @Override
    public Query toQuery() {
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      operands.forEach(o -> query.add(o.toQuery(), Occur.SHOULD));
      return query.setMinimumNumberShouldMatch(1).build();
    }

    @Override
    public boolean test(SeriesKey series) {
      return operands.stream().anyMatch(o -> o.test(series));
    }
  }
}
