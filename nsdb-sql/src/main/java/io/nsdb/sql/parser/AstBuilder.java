package io.nsdb.sql.parser;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.TimeUnitSyntax;
import io.nsdb.sql.parser.NsdbSqlParser.AggregationContext;
import io.nsdb.sql.parser.NsdbSqlParser.AssignmentContext;
import io.nsdb.sql.parser.NsdbSqlParser.AssignmentsContext;
import io.nsdb.sql.parser.NsdbSqlParser.ColumnPredicateContext;
import io.nsdb.sql.parser.NsdbSqlParser.ComparandContext;
import io.nsdb.sql.parser.NsdbSqlParser.ComparisonContext;
import io.nsdb.sql.parser.NsdbSqlParser.ConditionContext;
import io.nsdb.sql.parser.NsdbSqlParser.ConjunctionContext;
import io.nsdb.sql.parser.NsdbSqlParser.CountAggregationContext;
import io.nsdb.sql.parser.NsdbSqlParser.DeleteContext;
import io.nsdb.sql.parser.NsdbSqlParser.DeleteStatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.DescribeContext;
import io.nsdb.sql.parser.NsdbSqlParser.DropMetricStatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.DurationContext;
import io.nsdb.sql.parser.NsdbSqlParser.GroupByContext;
import io.nsdb.sql.parser.NsdbSqlParser.IdentifierContext;
import io.nsdb.sql.parser.NsdbSqlParser.InsertContext;
import io.nsdb.sql.parser.NsdbSqlParser.InsertStatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.IntervalGroupByContext;
import io.nsdb.sql.parser.NsdbSqlParser.LikeContext;
import io.nsdb.sql.parser.NsdbSqlParser.LikePatternContext;
import io.nsdb.sql.parser.NsdbSqlParser.NegationContext;
import io.nsdb.sql.parser.NsdbSqlParser.NowContext;
import io.nsdb.sql.parser.NsdbSqlParser.NullCheckContext;
import io.nsdb.sql.parser.NsdbSqlParser.NumberContext;
import io.nsdb.sql.parser.NsdbSqlParser.OrderByContext;
import io.nsdb.sql.parser.NsdbSqlParser.ParenthesizedContext;
import io.nsdb.sql.parser.NsdbSqlParser.PredicateContext;
import io.nsdb.sql.parser.NsdbSqlParser.PrimaryConditionContext;
import io.nsdb.sql.parser.NsdbSqlParser.RangeBoundContext;
import io.nsdb.sql.parser.NsdbSqlParser.RangeContext;
import io.nsdb.sql.parser.NsdbSqlParser.SelectContext;
import io.nsdb.sql.parser.NsdbSqlParser.SelectItemContext;
import io.nsdb.sql.parser.NsdbSqlParser.SelectItemsContext;
import io.nsdb.sql.parser.NsdbSqlParser.SelectStatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.ShowContext;
import io.nsdb.sql.parser.NsdbSqlParser.SignedIntegerContext;
import io.nsdb.sql.parser.NsdbSqlParser.StatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.StringContext;
import io.nsdb.sql.parser.NsdbSqlParser.TagGroupByContext;
import io.nsdb.sql.parser.NsdbSqlParser.UseContext;
import io.nsdb.sql.parser.NsdbSqlParser.ValueAggregationContext;
import io.nsdb.sql.tree.AggregateFunction;
import io.nsdb.sql.tree.Aggregation;
import io.nsdb.sql.tree.AllColumns;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.ColumnAssignment;
import io.nsdb.sql.tree.ColumnItem;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Describe;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.DropMetric;
import io.nsdb.sql.tree.GroupBy;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.LikePattern;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.Not;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.NumericLiteral;
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.OrderBy;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;
import io.nsdb.sql.tree.Show;
import io.nsdb.sql.tree.SortDirection;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.sql.tree.TagGroupBy;
import io.nsdb.sql.tree.Use;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR's parse tree into the AST. Literal checks that need the text (numbers that do not
 * fit, unknown time units, bad LIKE escapes, nesting depth) happen here, where the position is at
 * hand; checks over the finished tree are {@link StatementValidator}'s.
 */
final class AstBuilder {

  static final String VALUE = "value";
  static final String TIMESTAMP = "timestamp";

  private final int maxNestingDepth;
  private int nestingDepth;

  AstBuilder(int maxNestingDepth) {
    this.maxNestingDepth = maxNestingDepth;
  }

  Statement statement(StatementContext ctx) {
    return switch (ctx) {
      case SelectStatementContext s -> select(s.select());
      case InsertStatementContext s -> insert(s.insert());
      case DeleteStatementContext s -> delete(s.delete());
      case DropMetricStatementContext s -> new DropMetric(identifier(s.dropMetric().metric));
      case ShowContext s ->
          new Show(
              switch (s.what.getType()) {
                case NsdbSqlLexer.DATABASES -> Show.Target.DATABASES;
                case NsdbSqlLexer.NAMESPACES -> Show.Target.NAMESPACES;
                default -> Show.Target.METRICS;
              });
      case DescribeContext s -> new Describe(identifier(s.metric));
      case UseContext s ->
          s.second == null
              ? new Use(Optional.empty(), identifier(s.first))
              : new Use(Optional.of(identifier(s.first)), identifier(s.second));
      default -> throw unexpected(ctx);
    };
  }

  private Select select(SelectContext ctx) {
    checkClauses(ctx);
    return new Select(
        ctx.DISTINCT() != null,
        selectItems(ctx.selectItems()),
        identifier(ctx.metric),
        Optional.ofNullable(ctx.condition()).map(this::condition),
        Optional.ofNullable(ctx.groupBy()).map(this::groupBy),
        Optional.ofNullable(ctx.orderBy()).map(this::orderBy),
        Optional.ofNullable(ctx.since)
            .map(since -> positive(duration(since), since, "SINCE", "since")),
        ctx.limit == null ? OptionalLong.empty() : OptionalLong.of(limit(ctx.limit)));
  }

  /** Checks on how clauses combine, here where each clause's position is at hand. */
  private static void checkClauses(SelectContext ctx) {
    if (ctx.DISTINCT() != null && ctx.GROUP() != null) {
      throw new SqlParseException(
          SqlErrorCode.INVALID_DISTINCT,
          position(ctx.GROUP().getSymbol()),
          "DISTINCT cannot be combined with GROUP BY; GROUP BY already yields one row per group");
    }
    if (ctx.SINCE() != null && !(ctx.groupBy() instanceof IntervalGroupByContext)) {
      throw new SqlParseException(
          SqlErrorCode.SINCE_WITHOUT_INTERVAL,
          position(ctx.SINCE().getSymbol()),
          "SINCE sets the grace period of GROUP BY INTERVAL and needs one [groupBy="
              + (ctx.groupBy() == null ? "none" : ctx.groupBy().getText())
              + "]");
    }
  }

  private List<SelectItem> selectItems(SelectItemsContext ctx) {
    if (ctx.ASTERISK() != null) {
      return List.of(new AllColumns(position(ctx.ASTERISK().getSymbol())));
    }
    List<SelectItem> items = new ArrayList<>();
    for (SelectItemContext item : ctx.selectItem()) {
      items.add(
          item.aggregation() != null
              ? aggregation(item.aggregation())
              : new ColumnItem(column(item.identifier())));
    }
    return items;
  }

  private Aggregation aggregation(AggregationContext ctx) {
    SourcePosition position = position(ctx.getStart());
    return switch (ctx) {
      case CountAggregationContext c ->
          new Aggregation(
              AggregateFunction.COUNT,
              Optional.ofNullable(c.identifier()).map(this::column),
              c.DISTINCT() != null,
              position);
      case ValueAggregationContext v ->
          new Aggregation(
              switch (v.function.getType()) {
                case NsdbSqlLexer.SUM -> AggregateFunction.SUM;
                case NsdbSqlLexer.MIN -> AggregateFunction.MIN;
                case NsdbSqlLexer.MAX -> AggregateFunction.MAX;
                case NsdbSqlLexer.AVG -> AggregateFunction.AVG;
                case NsdbSqlLexer.FIRST -> AggregateFunction.FIRST;
                default -> AggregateFunction.LAST;
              },
              // sum(*), sum(value) and sum(VALUE) are one aggregation of the value.
              Optional.of(
                  v.identifier() != null
                      ? column(v.identifier())
                      : new Identifier(VALUE, position(v.ASTERISK().getSymbol()))),
              false,
              position);
      default -> throw unexpected(ctx);
    };
  }

  private GroupBy groupBy(GroupByContext ctx) {
    return switch (ctx) {
      case TagGroupByContext t -> new TagGroupBy(column(t.identifier()));
      case IntervalGroupByContext i ->
          new IntervalGroupBy(
              i.duration() != null
                  ? positive(duration(i.duration()), i.duration(), "GROUP BY INTERVAL", "interval")
                  : duration(1, i.unit.getStart()));
      default -> throw unexpected(ctx);
    };
  }

  private OrderBy orderBy(OrderByContext ctx) {
    return new OrderBy(
        column(ctx.identifier()), ctx.DESC() != null ? SortDirection.DESC : SortDirection.ASC);
  }

  private Insert insert(InsertContext ctx) {
    return new Insert(
        identifier(ctx.metric),
        ctx.timestamp == null ? OptionalLong.empty() : OptionalLong.of(signedLong(ctx.timestamp)),
        assignments(ctx.dimensions),
        assignments(ctx.tags),
        number(ctx.value));
  }

  private List<ColumnAssignment> assignments(AssignmentsContext ctx) {
    if (ctx == null) {
      return List.of();
    }
    List<ColumnAssignment> assignments = new ArrayList<>();
    for (AssignmentContext a : ctx.assignment()) {
      Literal value =
          a.columnValue().number() != null
              ? number(a.columnValue().number())
              : string(a.columnValue().string());
      assignments.add(new ColumnAssignment(column(a.identifier()), value));
    }
    return assignments;
  }

  private Delete delete(DeleteContext ctx) {
    return new Delete(identifier(ctx.metric), condition(ctx.condition()));
  }

  private Condition condition(ConditionContext ctx) {
    List<ConjunctionContext> terms = ctx.conjunction();
    if (terms.size() == 1) {
      return conjunction(terms.get(0));
    }
    return new Or(flatten(terms.stream().map(this::conjunction).toList(), Or.class));
  }

  private Condition conjunction(ConjunctionContext ctx) {
    List<NegationContext> factors = ctx.negation();
    if (factors.size() == 1) {
      return negation(factors.get(0));
    }
    return new And(flatten(factors.stream().map(this::negation).toList(), And.class));
  }

  /**
   * Splices parenthesised groups of the same operator into their parent: {@code a AND (b AND c)} is
   * {@code a AND b AND c}, so equivalent conditions have one tree and one canonical text.
   */
  private static List<Condition> flatten(
      List<Condition> operands, Class<? extends Condition> kind) {
    List<Condition> flat = new ArrayList<>();
    for (Condition operand : operands) {
      if (operand instanceof And and && kind == And.class) {
        flat.addAll(and.operands());
      } else if (operand instanceof Or or && kind == Or.class) {
        flat.addAll(or.operands());
      } else {
        flat.add(operand);
      }
    }
    return flat;
  }

  private Condition negation(NegationContext ctx) {
    int nots = ctx.NOT().size();
    enterNesting(nots, ctx.getStart());
    Condition condition = primaryCondition(ctx.primaryCondition());
    for (int i = 0; i < nots; i++) {
      condition = new Not(condition);
    }
    nestingDepth -= nots;
    return condition;
  }

  private Condition primaryCondition(PrimaryConditionContext ctx) {
    return switch (ctx) {
      case ParenthesizedContext p -> {
        enterNesting(1, p.getStart());
        Condition inner = condition(p.condition());
        nestingDepth--;
        yield inner;
      }
      case ColumnPredicateContext c -> predicate(column(c.identifier()), c.predicate());
      default -> throw unexpected(ctx);
    };
  }

  private Condition predicate(Identifier column, PredicateContext ctx) {
    return switch (ctx) {
      case ComparisonContext c ->
          new Comparison(
              column, operator(c.comparisonOperator().getStart()), comparand(c.comparand()));
      case LikeContext l -> new Like(column, likePattern(l.likePattern()));
      case RangeContext r -> new Range(column, rangeBound(r.lower), rangeBound(r.upper));
      case NullCheckContext n -> new NullCheck(column, n.NOT() != null);
      default -> throw unexpected(ctx);
    };
  }

  private static ComparisonOperator operator(Token token) {
    return switch (token.getType()) {
      case NsdbSqlLexer.EQ -> ComparisonOperator.EQUAL;
      case NsdbSqlLexer.NEQ -> ComparisonOperator.NOT_EQUAL;
      case NsdbSqlLexer.LT -> ComparisonOperator.LESS_THAN;
      case NsdbSqlLexer.LTE -> ComparisonOperator.LESS_THAN_OR_EQUAL;
      case NsdbSqlLexer.GT -> ComparisonOperator.GREATER_THAN;
      case NsdbSqlLexer.GTE -> ComparisonOperator.GREATER_THAN_OR_EQUAL;
      default -> throw new IllegalStateException("not a comparison operator: " + token.getText());
    };
  }

  private Literal comparand(ComparandContext ctx) {
    if (ctx.number() != null) {
      return number(ctx.number());
    }
    if (ctx.now() != null) {
      return now(ctx.now());
    }
    return string(ctx.string());
  }

  private Literal rangeBound(RangeBoundContext ctx) {
    return ctx.number() != null ? number(ctx.number()) : now(ctx.now());
  }

  private LikePattern likePattern(LikePatternContext ctx) {
    String pattern =
        ctx.LIKE_WORD() != null ? ctx.LIKE_WORD().getText() : string(ctx.string()).value();
    try {
      return new LikePattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new SqlParseException(
          SqlErrorCode.INVALID_LIKE_PATTERN, position(ctx.getStart()), e.getMessage());
    }
  }

  private NowLiteral now(NowContext ctx) {
    if (ctx.duration() == null) {
      return NowLiteral.NOW;
    }
    Duration offset = duration(ctx.duration());
    return new NowLiteral(ctx.MINUS() != null ? offset.negated() : offset);
  }

  private Duration duration(DurationContext ctx) {
    return duration(parseLong(ctx.amount, false), ctx.amount, ctx.unit.getStart());
  }

  /** Intervals and grace periods must be positive: a zero-width bucket would never end. */
  private static Duration positive(
      Duration duration, DurationContext ctx, String clause, String key) {
    if (duration.isZero()) {
      throw new SqlParseException(
          SqlErrorCode.INVALID_INTERVAL,
          position(ctx.getStart()),
          clause + " must be positive [" + key + "=" + ctx.getText() + "]");
    }
    return duration;
  }

  private static long limit(Token token) {
    long limit = parseLong(token, false);
    if (limit < 1) {
      throw new SqlParseException(
          SqlErrorCode.INVALID_LIMIT,
          position(token),
          "LIMIT must be at least 1 [limit=" + limit + "]");
    }
    return limit;
  }

  private static Duration duration(long amount, Token unit) {
    return duration(amount, unit, unit);
  }

  private static Duration duration(long amount, Token amountToken, Token unit) {
    long unitMillis =
        TimeUnitSyntax.millisOf(unit.getText())
            .orElseThrow(
                () ->
                    new SqlParseException(
                        SqlErrorCode.INVALID_TIME_UNIT,
                        position(unit),
                        "unknown time unit '"
                            + unit.getText()
                            + "' [accepted="
                            + TimeUnitSyntax.ACCEPTED_UNITS
                            + "]"));
    try {
      return Duration.ofMillis(Math.multiplyExact(amount, unitMillis));
    } catch (ArithmeticException e) {
      throw new SqlParseException(
          SqlErrorCode.NUMBER_OUT_OF_RANGE,
          position(amountToken),
          "duration too long [amount=" + amount + ", unit=" + unit.getText() + "]");
    }
  }

  private static NumericLiteral number(NumberContext ctx) {
    boolean negative = ctx.MINUS() != null;
    if (ctx.INTEGER() != null) {
      return new LongLiteral(parseLong(ctx.INTEGER().getSymbol(), negative, ctx.getStart()));
    }
    Token token = ctx.DECIMAL().getSymbol();
    double value = Double.parseDouble(token.getText());
    if (!Double.isFinite(value) || (value == 0 && hasNonZeroDigit(token.getText()))) {
      throw new SqlParseException(
          SqlErrorCode.NUMBER_OUT_OF_RANGE,
          position(ctx.getStart()),
          "decimal out of range [value="
              + ctx.getText()
              + ", min magnitude="
              + Double.MIN_VALUE
              + ", max magnitude="
              + Double.MAX_VALUE
              + "]");
    }
    return new DoubleLiteral(negative ? -value : value);
  }

  /** Whether a decimal's mantissa has a non-zero digit: such a number must not read as zero. */
  private static boolean hasNonZeroDigit(String decimal) {
    for (char c : decimal.toCharArray()) {
      if (c == 'e' || c == 'E') {
        return false;
      }
      if (c >= '1' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static long signedLong(SignedIntegerContext ctx) {
    return parseLong(ctx.INTEGER().getSymbol(), ctx.MINUS() != null, ctx.getStart());
  }

  private static long parseLong(Token digits, boolean negative) {
    return parseLong(digits, negative, digits);
  }

  /** Parses digits, with a sign; an error points at {@code start}, the sign when there is one. */
  private static long parseLong(Token digits, boolean negative, Token start) {
    String text = negative ? "-" + digits.getText() : digits.getText();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new SqlParseException(
          SqlErrorCode.NUMBER_OUT_OF_RANGE,
          position(start),
          "integer out of range [value="
              + text
              + ", min="
              + Long.MIN_VALUE
              + ", max="
              + Long.MAX_VALUE
              + "]");
    }
  }

  private static StringLiteral string(StringContext ctx) {
    if (ctx.QUOTED_STRING() == null) {
      return new StringLiteral(ctx.identifier().getText());
    }
    String quoted = ctx.QUOTED_STRING().getText();
    return new StringLiteral(quoted.substring(1, quoted.length() - 1).replace("''", "'"));
  }

  /** A metric, database or namespace name: case kept. */
  private Identifier identifier(IdentifierContext ctx) {
    return new Identifier(ctx.getText(), position(ctx.getStart()));
  }

  /** A column name: case kept, but VALUE or Timestamp mean the built-in value and timestamp. */
  private Identifier column(IdentifierContext ctx) {
    String name = ctx.getText();
    if (name.equalsIgnoreCase(VALUE) || name.equalsIgnoreCase(TIMESTAMP)) {
      name = name.toLowerCase(Locale.ROOT);
    }
    return new Identifier(name, position(ctx.getStart()));
  }

  private void enterNesting(int levels, Token at) {
    nestingDepth += levels;
    if (nestingDepth > maxNestingDepth) {
      throw new SqlParseException(
          SqlErrorCode.NESTING_TOO_DEEP,
          position(at),
          "condition nested too deeply [depth=" + nestingDepth + ", max=" + maxNestingDepth + "]");
    }
  }

  static SourcePosition position(Token token) {
    return new SourcePosition(token.getLine(), token.getCharPositionInLine() + 1);
  }

  private static IllegalStateException unexpected(ParserRuleContext ctx) {
    return new IllegalStateException(
        "grammar and AST builder disagree on " + ctx.getClass().getSimpleName());
  }
}
