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

  /**
   * The clock reading {@code now} means, fixed at compile time; null when {@code now} is read at
   * each evaluation (a continuous query lives longer than one clock reading).
   */
  private final Long fixedNow;

  private PredicateCompiler(Schema schema, Long fixedNow) {
    this.schema = schema;
    this.fixedNow = fixedNow;
  }

  /**
   * Compiles {@code condition}, resolving {@code now} to {@code nowMillis}. Each {@code now}
   * becomes a constant at compile time, so a one-off query pays nothing per point for reading the
   * clock.
   */
  public static PointPredicate compile(Condition condition, Schema schema, long nowMillis) {
    ClockedPredicate clocked = new PredicateCompiler(schema, nowMillis).condition(condition);
    return (s, t, v) -> clocked.evaluate(s, t, v, nowMillis);
  }

  /**
   * Compiles {@code condition} once for many clock readings: {@code now} is resolved against the
   * {@code nowMillis} given to each evaluation. Same names, types, errors and logic as {@link
   * #compile}.
   */
  public static ClockedPredicate compileClocked(Condition condition, Schema schema) {
    return new PredicateCompiler(schema, null).condition(condition);
  }

  private ClockedPredicate condition(Condition condition) {
    return switch (condition) {
      case And and -> and(and.operands().stream().map(this::condition).toList());
      case Or or -> or(or.operands().stream().map(this::condition).toList());
      case Not not -> {
        ClockedPredicate operand = condition(not.operand());
        yield (s, t, v, n) -> operand.evaluate(s, t, v, n).not();
      }
      case Comparison c -> comparison(c);
      case Range r -> range(r);
      case Like like -> like(like);
      case NullCheck check -> nullCheck(check);
    };
  }

  private static ClockedPredicate and(List<ClockedPredicate> operands) {
    ClockedPredicate[] all = operands.toArray(ClockedPredicate[]::new);
    return (s, t, v, n) -> {
      Truth result = Truth.TRUE;
      for (ClockedPredicate operand : all) {
        Truth truth = operand.evaluate(s, t, v, n);
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

  private static ClockedPredicate or(List<ClockedPredicate> operands) {
    ClockedPredicate[] any = operands.toArray(ClockedPredicate[]::new);
    return (s, t, v, n) -> {
      Truth result = Truth.FALSE;
      for (ClockedPredicate operand : any) {
        Truth truth = operand.evaluate(s, t, v, n);
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

  /** A literal's number at a clock reading: a constant, or a {@code now} read per evaluation. */
  private interface Bound {
    Number at(long nowMillis);
  }

  private ClockedPredicate comparison(Comparison comparison) {
    ColumnType type = typeOf(comparison.column());
    Reader reader = reader(comparison.column());
    ComparisonOperator operator = comparison.operator();
    if (type == ColumnType.VARCHAR) {
      String expected = string(comparison.column(), comparison.value());
      boolean equal = operator == ComparisonOperator.EQUAL;
      return (s, t, v, n) -> {
        Object actual = reader.read(s, t, v);
        return actual == null ? Truth.UNKNOWN : Truth.of(expected.equals(actual) == equal);
      };
    }
    Bound expected = number(comparison.column(), type, comparison.value());
    return (s, t, v, n) -> {
      Object actual = reader.read(s, t, v);
      if (actual == null) {
        return Truth.UNKNOWN;
      }
      int order = compare((Number) actual, expected.at(n));
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

  private ClockedPredicate range(Range range) {
    ColumnType type = typeOf(range.column());
    if (type == ColumnType.VARCHAR) {
      throw mismatch(range.column(), type, "a numeric range");
    }
    Reader reader = reader(range.column());
    Bound lower = number(range.column(), type, range.lower());
    Bound upper = number(range.column(), type, range.upper());
    return (s, t, v, n) -> {
      Object actual = reader.read(s, t, v);
      if (actual == null) {
        return Truth.UNKNOWN;
      }
      return Truth.of(
          compare((Number) actual, lower.at(n)) >= 0 && compare((Number) actual, upper.at(n)) <= 0);
    };
  }

  private ClockedPredicate like(Like like) {
    ColumnType type = typeOf(like.column());
    if (type != ColumnType.VARCHAR) {
      throw mismatch(like.column(), type, "LIKE '" + like.pattern().pattern() + "'");
    }
    Reader reader = reader(like.column());
    Pattern pattern = like.pattern().toRegex();
    return (s, t, v, n) -> {
      Object actual = reader.read(s, t, v);
      return actual == null ? Truth.UNKNOWN : Truth.of(pattern.matcher((String) actual).matches());
    };
  }

  private ClockedPredicate nullCheck(NullCheck check) {
    typeOf(check.column());
    Reader reader = reader(check.column());
    boolean wantNull = !check.negated();
    return (s, t, v, n) -> Truth.of((reader.read(s, t, v) == null) == wantNull);
  }

  private String string(Identifier column, Literal literal) {
    if (literal instanceof StringLiteral s) {
      return s.value();
    }
    throw mismatch(column, ColumnType.VARCHAR, SqlFormatter.literal(literal));
  }

  private Bound number(Identifier column, ColumnType type, Literal literal) {
    Number constant =
        switch (literal) {
          case LongLiteral l -> l.value();
          case DoubleLiteral d -> d.value();
          case NowLiteral now when fixedNow == null -> null;
          case NowLiteral now -> now.resolve(fixedNow);
          case StringLiteral s -> throw mismatch(column, type, SqlFormatter.literal(s));
        };
    if (constant != null) {
      return n -> constant;
    }
    NowLiteral now = (NowLiteral) literal;
    return now::resolve;
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
