package io.nsdb.core.predicate;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.StringLiteral;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compiles a WHERE condition against a metric's schema. Names are checked here: an unknown column
 * is {@link ErrorCode#UNKNOWN_COLUMN}, a comparison across types {@link ErrorCode#TYPE_MISMATCH},
 * each naming the column and the types.
 */
public final class PredicateCompiler {

  private static final String TIMESTAMP = "timestamp";
  private static final String VALUE = "value";

  private final Schema schema;
  private final long nowMillis;

  private PredicateCompiler(Schema schema, long nowMillis) {
    this.schema = schema;
    this.nowMillis = nowMillis;
  }

  /** Compiles {@code condition}, resolving {@code now} to {@code nowMillis}. */
  public static PointPredicate compile(Condition condition, Schema schema, long nowMillis) {
    return new PredicateCompiler(schema, nowMillis).condition(condition);
  }

  private PointPredicate condition(Condition condition) {
    return switch (condition) {
      case And and -> and(and.operands().stream().map(this::condition).toList());
      case Or or -> or(or.operands().stream().map(this::condition).toList());
      case Not not -> {
        PointPredicate operand = condition(not.operand());
        yield (s, t, v) -> operand.evaluate(s, t, v).not();
      }
      case Comparison c -> comparison(c);
      case Range r -> range(r);
      case Like like -> like(like);
      case NullCheck check -> nullCheck(check);
    };
  }

  private static PointPredicate and(List<PointPredicate> operands) {
    PointPredicate[] all = operands.toArray(PointPredicate[]::new);
    return (s, t, v) -> {
      Truth result = Truth.TRUE;
      for (PointPredicate operand : all) {
        Truth truth = operand.evaluate(s, t, v);
        if (truth == Truth.FALSE) {
          return Truth.FALSE;
        }
        if (truth == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    };
  }

  private static PointPredicate or(List<PointPredicate> operands) {
    PointPredicate[] any = operands.toArray(PointPredicate[]::new);
    return (s, t, v) -> {
      Truth result = Truth.FALSE;
      for (PointPredicate operand : any) {
        Truth truth = operand.evaluate(s, t, v);
        if (truth == Truth.TRUE) {
          return Truth.TRUE;
        }
        if (truth == Truth.UNKNOWN) {
          result = Truth.UNKNOWN;
        }
      }
      return result;
    };
  }

  /** Reads a column of a point: timestamp, value, or a series column (null when absent). */
  private interface Reader {
    Object read(SeriesKey series, long timestamp, long value);
  }

  private ColumnType typeOf(Identifier column) {
    if (column.value().equals(TIMESTAMP)) {
      return ColumnType.BIGINT;
    }
    if (column.value().equals(VALUE)) {
      return schema.valueType();
    }
    Column known = schema.columns().get(column.value());
    if (known == null) {
      throw schema.unknownColumn(column.value(), column.position());
    }
    return known.type();
  }

  private Reader reader(Identifier column) {
    String name = column.value();
    if (name.equals(TIMESTAMP)) {
      return (s, t, v) -> t;
    }
    if (name.equals(VALUE)) {
      return schema.valueType() == ColumnType.DECIMAL
          ? (s, t, v) -> Double.longBitsToDouble(v)
          : (s, t, v) -> v;
    }
    return (s, t, v) -> s.column(name);
  }

  private PointPredicate comparison(Comparison comparison) {
    ColumnType type = typeOf(comparison.column());
    Reader reader = reader(comparison.column());
    ComparisonOperator operator = comparison.operator();
    if (type == ColumnType.VARCHAR) {
      String expected = string(comparison.column(), comparison.value());
      boolean equal = operator == ComparisonOperator.EQUAL;
      return (s, t, v) -> {
        Object actual = reader.read(s, t, v);
        return actual == null ? Truth.UNKNOWN : Truth.of(expected.equals(actual) == equal);
      };
    }
    Number expected = number(comparison.column(), type, comparison.value());
    return (s, t, v) -> {
      Object actual = reader.read(s, t, v);
      if (actual == null) {
        return Truth.UNKNOWN;
      }
      int order = compare((Number) actual, expected);
      return Truth.of(
          switch (operator) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS_THAN -> order < 0;
            case LESS_THAN_OR_EQUAL -> order <= 0;
            case GREATER_THAN -> order > 0;
            case GREATER_THAN_OR_EQUAL -> order >= 0;
          });
    };
  }

  private PointPredicate range(Range range) {
    ColumnType type = typeOf(range.column());
    if (type == ColumnType.VARCHAR) {
      throw mismatch(range.column(), type, "a numeric range");
    }
    Reader reader = reader(range.column());
    Number lower = number(range.column(), type, range.lower());
    Number upper = number(range.column(), type, range.upper());
    return (s, t, v) -> {
      Object actual = reader.read(s, t, v);
      if (actual == null) {
        return Truth.UNKNOWN;
      }
      return Truth.of(compare((Number) actual, lower) >= 0 && compare((Number) actual, upper) <= 0);
    };
  }

  private PointPredicate like(Like like) {
    ColumnType type = typeOf(like.column());
    if (type != ColumnType.VARCHAR) {
      throw mismatch(like.column(), type, "LIKE '" + like.pattern().pattern() + "'");
    }
    Reader reader = reader(like.column());
    Pattern pattern = like.pattern().toRegex();
    return (s, t, v) -> {
      Object actual = reader.read(s, t, v);
      return actual == null ? Truth.UNKNOWN : Truth.of(pattern.matcher((String) actual).matches());
    };
  }

  private PointPredicate nullCheck(NullCheck check) {
    typeOf(check.column());
    Reader reader = reader(check.column());
    boolean wantNull = !check.negated();
    return (s, t, v) -> Truth.of((reader.read(s, t, v) == null) == wantNull);
  }

  private String string(Identifier column, Literal literal) {
    if (literal instanceof StringLiteral s) {
      return s.value();
    }
    throw mismatch(column, ColumnType.VARCHAR, SqlFormatter.literal(literal));
  }

  private Number number(Identifier column, ColumnType type, Literal literal) {
    return switch (literal) {
      case LongLiteral l -> l.value();
      case DoubleLiteral d -> d.value();
      case NowLiteral now -> now.resolve(nowMillis);
      case StringLiteral s -> throw mismatch(column, type, SqlFormatter.literal(s));
    };
  }

  /** Longs compare exactly; anything with a double compares as doubles. */
  static int compare(Number actual, Number expected) {
    if (actual instanceof Long a && expected instanceof Long e) {
      return Long.compare(a, e);
    }
    double a = actual.doubleValue();
    double e = expected.doubleValue();
    // Not Double.compare: -0.0 and 0.0 are the same number to a user.
    return a < e ? -1 : (a > e ? 1 : 0);
  }

  private NsdbException mismatch(Identifier column, ColumnType type, String offered) {
    return new NsdbException(
        ErrorCode.TYPE_MISMATCH,
        column.position(),
        "column cannot be compared with that value [metric="
            + schema.metric()
            + ", column="
            + column.value()
            + ", type="
            + type
            + ", offered="
            + offered
            + "]");
  }
}
