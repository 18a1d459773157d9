package io.nsdb.sql.testing;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.parser.SqlParser;
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
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Random statements of the NSDb dialect, each with what parsing it must give: the exact tree, or
 * the {@link SqlErrorCode} of the one mistake that was put into it on purpose.
 *
 * <p>The generator walks the whole dialect (every statement; select items, aggregations, WHERE
 * trees of AND, OR, NOT chains and parentheses over every predicate and operator, LIKE patterns
 * with escapes, IN ranges over numbers and {@code now}, durations in every unit spelling, GROUP BY
 * a tag or an interval, ORDER BY, SINCE, LIMIT; INSERT with TS, DIM and TAGS; DELETE, DROP, SHOW,
 * DESCRIBE, USE) and writes it with keywords in random case, random whitespace, newlines and
 * comments, redundant parentheses and every spelling of numbers. Most statements are valid; in
 * about {@link #faultRate(double)} of them one mistake is made on purpose, at most one per
 * statement, so that the parser's answer is known exactly.
 *
 * <p>The expected trees follow the parser's normal forms: a column spelled {@code value} or {@code
 * timestamp} in any case is that built-in column in lower case (other names, and metric, database
 * and namespace names, keep their case); {@code sum(*)} and {@code sum(VALUE)} are {@code
 * sum(value)}, likewise for min, max, avg, first and last, while {@code count(*)} has no column; a
 * group of the same operator, parenthesised or not, is spliced into its parent ({@code a AND (b AND
 * c)} is one AND of three operands).
 *
 * <p>The generator is deterministic for a given {@link RandomGenerator} and keeps counts of the
 * features it used ({@link #coverage()}), so a test can check that it really walked the dialect.
 */
public final class RandomStatementGenerator {

  /** The statements of the dialect. */
  public enum Kind {
    SELECT,
    INSERT,
    DELETE,
    DROP,
    SHOW,
    DESCRIBE,
    USE
  }

  /**
   * One generated statement.
   *
   * @param sql the text
   * @param tokens the tokens of the text without the whitespace and comments between them
   * @param kind the kind of statement
   * @param expected the tree the text must parse to, or {@code null} if it must be rejected
   * @param expectedError the code it must be rejected with, or {@code null} if it must parse
   * @param fault what was done wrong on purpose, or {@code null}
   */
  public record Generated(
      String sql,
      List<String> tokens,
      Kind kind,
      Statement expected,
      SqlErrorCode expectedError,
      String fault) {

    public Generated {
      Objects.requireNonNull(sql, "sql");
      tokens = List.copyOf(tokens);
      if ((expected == null) == (expectedError == null)) {
        throw new IllegalArgumentException("exactly one of expected and expectedError");
      }
    }

    public boolean valid() {
      return expected != null;
    }
  }

  /** Every spelling of every time unit, with its length in milliseconds. */
  public static final Map<String, Long> UNIT_SPELLINGS =
      Map.ofEntries(
          Map.entry("ms", 1L),
          Map.entry("s", 1_000L),
          Map.entry("sec", 1_000L),
          Map.entry("second", 1_000L),
          Map.entry("seconds", 1_000L),
          Map.entry("m", 60_000L),
          Map.entry("min", 60_000L),
          Map.entry("minute", 60_000L),
          Map.entry("minutes", 60_000L),
          Map.entry("h", 3_600_000L),
          Map.entry("hour", 3_600_000L),
          Map.entry("hours", 3_600_000L),
          Map.entry("d", 86_400_000L),
          Map.entry("day", 86_400_000L),
          Map.entry("days", 86_400_000L),
          Map.entry("w", 604_800_000L),
          Map.entry("week", 604_800_000L),
          Map.entry("weeks", 604_800_000L));

  /** Keywords that can never be a name. */
  public static final Set<String> RESERVED_KEYWORDS =
      Set.of(
          "SELECT",
          "DISTINCT",
          "FROM",
          "WHERE",
          "GROUP",
          "BY",
          "INTERVAL",
          "ORDER",
          "SINCE",
          "LIMIT",
          "AND",
          "OR",
          "NOT",
          "LIKE",
          "IN",
          "IS",
          "NULL",
          "NOW",
          "INSERT",
          "INTO",
          "DELETE",
          "DROP",
          "SHOW",
          "DESCRIBE",
          "USE");

  /** Keywords that are names wherever a name is expected. */
  public static final List<String> NON_RESERVED_KEYWORDS =
      List.of(
          "COUNT",
          "SUM",
          "MIN",
          "MAX",
          "AVG",
          "FIRST",
          "LAST",
          "TS",
          "DIM",
          "TAGS",
          "VAL",
          "METRIC",
          "DATABASES",
          "NAMESPACES",
          "METRICS",
          "ASC",
          "DESC");

  private static final List<String> UNIT_NAMES =
      List.copyOf(new TreeSet<>(UNIT_SPELLINGS.keySet()));

  private static final List<String> BAD_UNITS =
      List.of(
          "y",
          "year",
          "years",
          "mo",
          "month",
          "months",
          "ns",
          "us",
          "micros",
          "nanos",
          "hr",
          "hrs",
          "mins",
          "secs",
          "msec",
          "millis",
          "fortnight",
          "sec_",
          "dd",
          "x",
          "wk");

  private static final List<String> COMMON_NAMES =
      List.of(
          "cpu",
          "mem",
          "disk",
          "host",
          "region",
          "dc",
          "rack",
          "service",
          "people",
          "name",
          "surname",
          "city",
          "amount",
          "_tmp",
          "x1",
          "a_b_c",
          "CamelCase",
          "UPPER",
          "v2",
          "_",
          "__9",
          "timestamp",
          "value",
          "Value",
          "TIMESTAMP");

  /** Characters the dialect has no use for, in any context outside strings and comments. */
  private static final List<String> UNEXPECTED_CHARACTERS =
      List.of(
          "#",
          "@",
          "?",
          "%",
          "^",
          "&",
          "|",
          "~",
          "`",
          "\"",
          "{",
          "}",
          "[",
          "]",
          ":",
          "é",
          "中",
          "\uD83D\uDE00",
          "\u00A0",
          "\u2028",
          "ä",
          "ß");

  private static final List<String> STRING_PIECES =
      List.of(
          "a",
          "b",
          "Z",
          "0",
          "9",
          " ",
          "  ",
          "'",
          "''",
          "\n",
          "\r\n",
          "\t",
          "$",
          "\\",
          "-",
          "--",
          "/*",
          "*/",
          ";",
          ",",
          "(",
          ")",
          "é",
          "中",
          "\uD83D\uDE00",
          "\u0000",
          "\u00A0",
          "select",
          "NOW",
          "%",
          "_",
          "\"");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A bare LIKE pattern: letters, digits, {@code _} and {@code $}, no escapes. */
  private static final Pattern LIKE_WORD = Pattern.compile("[A-Za-z0-9_$]*\\$[A-Za-z0-9_$]*");

  /** The built-in columns, as the parser returns them whatever their case. */
  private static final Set<String> BUILT_IN_COLUMNS = Set.of("value", "timestamp");

  /** Decimals with a non-zero digit too small for a double: refused, not read as zero. */
  private static final List<String> UNDERFLOWING_DECIMALS =
      List.of("1e-400", "2.4E-324", ".5e-324", "0.001E-322", "9.9e-999");

  /** Decimals too large for a double. */
  private static final List<String> OVERFLOWING_DECIMALS = List.of("1e400", "2.5E999", "1.e309");

  /** The list of the faults each statement kind can carry. */
  private static final Map<Kind, List<SqlErrorCode>> FAULTS =
      Map.of(
          Kind.SELECT,
          List.of(
              SqlErrorCode.SYNTAX_ERROR,
              SqlErrorCode.UNTERMINATED_STRING,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.NESTING_TOO_DEEP,
              SqlErrorCode.INVALID_TIME_UNIT,
              SqlErrorCode.INVALID_INTERVAL,
              SqlErrorCode.NUMBER_OUT_OF_RANGE,
              SqlErrorCode.INVALID_LIMIT,
              SqlErrorCode.AGGREGATION_REQUIRED,
              SqlErrorCode.COLUMN_NOT_GROUPED,
              SqlErrorCode.MIXED_AGGREGATION_AND_COLUMNS,
              SqlErrorCode.FIRST_LAST_WITHOUT_GROUP_BY,
              SqlErrorCode.INVALID_AGGREGATION_ARGUMENT,
              SqlErrorCode.INVALID_DISTINCT,
              SqlErrorCode.SINCE_WITHOUT_INTERVAL,
              SqlErrorCode.DUPLICATE_SELECT_ITEM,
              SqlErrorCode.STRING_ORDER_COMPARISON,
              SqlErrorCode.INVALID_LIKE_PATTERN,
              SqlErrorCode.EMPTY_RANGE),
          Kind.INSERT,
          List.of(
              SqlErrorCode.SYNTAX_ERROR,
              SqlErrorCode.UNTERMINATED_STRING,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.NUMBER_OUT_OF_RANGE,
              SqlErrorCode.DUPLICATE_COLUMN,
              SqlErrorCode.RESERVED_COLUMN_NAME),
          Kind.DELETE,
          List.of(
              SqlErrorCode.UNTERMINATED_STRING,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.NESTING_TOO_DEEP,
              SqlErrorCode.INVALID_TIME_UNIT,
              SqlErrorCode.NUMBER_OUT_OF_RANGE,
              SqlErrorCode.STRING_ORDER_COMPARISON,
              SqlErrorCode.INVALID_LIKE_PATTERN,
              SqlErrorCode.EMPTY_RANGE),
          Kind.DROP,
          List.of(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.SYNTAX_ERROR),
          Kind.SHOW,
          List.of(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.SYNTAX_ERROR),
          Kind.DESCRIBE,
          List.of(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.SYNTAX_ERROR),
          Kind.USE,
          List.of(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              SqlErrorCode.UNTERMINATED_COMMENT,
              SqlErrorCode.SYNTAX_ERROR));

  private enum Layout {
    /** One space between tokens. */
    CANONICAL,
    /** No whitespace wherever the tokens stay apart without it. */
    COMPACT,
    /** Random runs of spaces, tabs, newlines and comments. */
    NOISY
  }

  private enum Shape {
    AND,
    OR,
    NOT,
    LEAF
  }

  private enum Parent {
    TOP,
    AND,
    OR,
    NOT
  }

  private enum SelectMode {
    /** {@code *} or plain columns. */
    PLAIN,
    /** Aggregations without GROUP BY. */
    AGGREGATE,
    /** Aggregations (and the tag) grouped by a tag. */
    GROUP_BY_TAG,
    /** Aggregations grouped by an interval, maybe with SINCE. */
    GROUP_BY_INTERVAL
  }

  private final RandomGenerator random;
  private final Map<String, Integer> coverage = new TreeMap<>();
  private double faultRate = 0.2;
  private int maxNestingDepth = SqlParser.DEFAULT_MAX_NESTING_DEPTH;

  // The state of the statement being generated.
  private List<String> tokens;
  private SqlErrorCode fault;
  private String faultDescription;
  private boolean faultRealized;
  private int maxDepthSeen;
  private int conditionNodes;
  private boolean deepLeafAllowed;

  public RandomStatementGenerator(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The share of statements that carry one mistake on purpose; 0.2 unless set. */
  public RandomStatementGenerator faultRate(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("fault rate must be in [0, 1]: " + rate);
    }
    this.faultRate = rate;
    return this;
  }

  /**
   * The nesting limit of the parser the statements are for; the default parser's unless set. A
   * parser takes limits from 1 to {@link SqlParser#MAX_NESTING_DEPTH}, and so does this.
   */
  public RandomStatementGenerator maxNestingDepth(int depth) {
    if (depth < 1 || depth > SqlParser.MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          "nesting depth must be within 1.." + SqlParser.MAX_NESTING_DEPTH + ": " + depth);
    }
    this.maxNestingDepth = depth;
    return this;
  }

  /** How many times each feature was generated, by name ({@code unit:minutes}, {@code op:!=}). */
  public Map<String, Integer> coverage() {
    return new TreeMap<>(coverage);
  }

  /** A statement of a random kind. */
  public Generated next() {
    int p = random.nextInt(100);
    Kind kind =
        p < 50
            ? Kind.SELECT
            : p < 64
                ? Kind.INSERT
                : p < 76
                    ? Kind.DELETE
                    : p < 82 ? Kind.DROP : p < 88 ? Kind.SHOW : p < 94 ? Kind.DESCRIBE : Kind.USE;
    return next(kind);
  }

  /** A statement of the given kind. */
  public Generated next(Kind kind) {
    count("kind:" + kind);
    SqlErrorCode chosen = chance(faultRate) ? pick(FAULTS.get(kind)) : null;
    // Not every statement has a place for the chosen mistake: a few more tries find one.
    for (int attempt = 1; ; attempt++) {
      Generated generated = attempt(kind, chosen);
      if (chosen == null || generated.expectedError() != null || attempt == 8) {
        if (generated.valid()) {
          count("valid:" + kind);
        } else {
          count("fault:" + generated.expectedError());
        }
        return generated;
      }
    }
  }

  private Generated attempt(Kind kind, SqlErrorCode chosenFault) {
    tokens = new ArrayList<>();
    fault = chosenFault;
    faultRealized = false;
    faultDescription = null;
    maxDepthSeen = 0;
    conditionNodes = 0;
    deepLeafAllowed = random.nextInt(30) == 0;

    Statement statement =
        switch (kind) {
          case SELECT -> select();
          case INSERT -> insert();
          case DELETE -> delete();
          case DROP -> drop();
          case SHOW -> show();
          case DESCRIBE -> describe();
          case USE -> use();
        };

    // The faults that are made while writing the text, once the tokens are known.
    int cutAt = -1;
    int strayAt = -1;
    String stray = null;
    int commentAt = -1;
    if (fault == SqlErrorCode.UNTERMINATED_STRING && !faultRealized) {
      for (int i = tokens.size() - 1; i >= 0; i--) {
        if (tokens.get(i).startsWith("'")) {
          cutAt = i;
          realize("string never closed");
          break;
        }
      }
    } else if (fault == SqlErrorCode.UNEXPECTED_CHARACTER && !faultRealized) {
      strayAt = random.nextInt(tokens.size() + 1);
      stray = pick(UNEXPECTED_CHARACTERS);
      realize("stray character " + stray);
    } else if (fault == SqlErrorCode.UNTERMINATED_COMMENT && !faultRealized) {
      commentAt = random.nextInt(tokens.size() + 1);
      realize("comment never closed");
    }
    if (maxDepthSeen > maxNestingDepth && fault != SqlErrorCode.NESTING_TOO_DEEP) {
      throw new IllegalStateException("generator nested too deep without meaning to");
    }
    String sql = render(cutAt, strayAt, stray, commentAt);
    List<String> written = List.copyOf(tokens);
    if (faultRealized) {
      return new Generated(sql, written, kind, null, fault, faultDescription);
    }
    return new Generated(sql, written, kind, statement, null, null);
  }

  // ---------------------------------------------------------------- statements

  private Statement select() {
    SelectMode mode = pick(List.of(SelectMode.values()));
    // A mistake that only one kind of select can make makes that kind likelier.
    if (fault != null && chance(0.75)) {
      mode =
          switch (fault) {
            case AGGREGATION_REQUIRED -> SelectMode.PLAIN;
            case MIXED_AGGREGATION_AND_COLUMNS, FIRST_LAST_WITHOUT_GROUP_BY -> SelectMode.AGGREGATE;
            case COLUMN_NOT_GROUPED ->
                chance(0.5) ? SelectMode.GROUP_BY_TAG : SelectMode.GROUP_BY_INTERVAL;
            case INVALID_INTERVAL -> SelectMode.GROUP_BY_INTERVAL;
            case SINCE_WITHOUT_INTERVAL -> chance(0.5) ? SelectMode.PLAIN : SelectMode.GROUP_BY_TAG;
            default -> mode;
          };
    }
    count("select:" + mode);
    kw("SELECT");

    String metricName = name();
    String tag = name();
    List<SelectItem> items = new ArrayList<>();
    List<Runnable> writers = new ArrayList<>();
    boolean distinct = false;
    Optional<GroupBy> groupBy = Optional.empty();
    boolean wantSince = false;
    boolean sinceAllowed = false;

    switch (mode) {
      case PLAIN -> {
        if (chance(0.3)) {
          items.add(AllColumns.of());
          writers.add(() -> sym("*"));
          if (inject(SqlErrorCode.INVALID_DISTINCT, "DISTINCT *")) {
            distinct = true;
          } else if (inject(SqlErrorCode.AGGREGATION_REQUIRED, "GROUP BY without aggregation")) {
            groupBy = Optional.of(randomGroupBy(tag));
          }
        } else {
          // Distinct as columns: `value` and `VALUE` are one column.
          Set<String> names = new LinkedHashSet<>();
          Set<Identifier> columns = new HashSet<>();
          int n = 1 + random.nextInt(4);
          while (names.size() < n) {
            String name = name();
            if (columns.add(column(name))) {
              names.add(name);
            }
          }
          for (String column : names) {
            addColumn(items, writers, column);
          }
          if (names.size() == 1 && chance(0.4)) {
            distinct = true;
            count("select:distinct");
          } else if (names.size() > 1
              && inject(SqlErrorCode.INVALID_DISTINCT, "DISTINCT over many")) {
            distinct = true;
          } else if (inject(SqlErrorCode.AGGREGATION_REQUIRED, "GROUP BY without aggregation")) {
            groupBy = Optional.of(randomGroupBy(tag));
          }
          if (inject(SqlErrorCode.DUPLICATE_SELECT_ITEM, "column twice")) {
            String again = respell(names.iterator().next());
            addColumn(items, writers, again);
          }
        }
        wantSince = inject(SqlErrorCode.SINCE_WITHOUT_INTERVAL, "SINCE without GROUP BY");
      }
      case AGGREGATE -> {
        addAggregations(items, writers, false);
        if (inject(SqlErrorCode.MIXED_AGGREGATION_AND_COLUMNS, "column next to aggregation")) {
          addColumn(items, writers, name());
        } else if (inject(SqlErrorCode.FIRST_LAST_WITHOUT_GROUP_BY, "first/last ungrouped")) {
          AggregateFunction function =
              chance(0.5) ? AggregateFunction.FIRST : AggregateFunction.LAST;
          addAggregation(items, writers, function, Optional.of(valueName()), false);
        } else if (inject(SqlErrorCode.INVALID_DISTINCT, "DISTINCT aggregation")) {
          distinct = true;
        }
        wantSince = inject(SqlErrorCode.SINCE_WITHOUT_INTERVAL, "SINCE without GROUP BY");
      }
      case GROUP_BY_TAG -> {
        boolean withTag = chance(0.5);
        if (withTag) {
          addColumn(items, writers, tag);
        }
        addAggregations(items, writers, true);
        if (chance(0.3) && withTag) {
          // The tag after the aggregations, too.
          SelectItem first = items.remove(0);
          Runnable firstWriter = writers.remove(0);
          items.add(first);
          writers.add(firstWriter);
        }
        if (inject(SqlErrorCode.COLUMN_NOT_GROUPED, "column that is not the tag")) {
          String other = name();
          while (column(other).equals(column(tag))) {
            other = name();
          }
          addColumn(items, writers, other);
        } else if (inject(SqlErrorCode.INVALID_DISTINCT, "DISTINCT with GROUP BY")) {
          distinct = true;
        }
        groupBy = Optional.of(new TagGroupBy(column(tag)));
        wantSince = inject(SqlErrorCode.SINCE_WITHOUT_INTERVAL, "SINCE with GROUP BY tag");
      }
      case GROUP_BY_INTERVAL -> {
        addAggregations(items, writers, true);
        if (inject(SqlErrorCode.COLUMN_NOT_GROUPED, "column with GROUP BY INTERVAL")) {
          addColumn(items, writers, name());
        }
        groupBy = Optional.empty(); // written below, the duration is drawn while writing
        sinceAllowed = true;
        wantSince = chance(0.4);
      }
    }
    // `*, *` is not even syntax: only items that can be listed are written twice, maybe spelt
    // another way that means the same (`max(*), max(VALUE)`, `value, Value`).
    if (!(items.get(0) instanceof AllColumns)
        && inject(SqlErrorCode.DUPLICATE_SELECT_ITEM, "item twice")) {
      int i = random.nextInt(items.size());
      SelectItem item = items.get(i);
      items.add(item);
      writers.add(
          switch (item) {
            case Aggregation a when a.function() != AggregateFunction.COUNT ->
                aggregationWriter(
                    a.function(), chance(0.3) ? Optional.empty() : Optional.of(valueName()), false);
            case Aggregation a when a.column().isPresent() && isBuiltIn(a.column().get().value()) ->
                aggregationWriter(
                    a.function(), Optional.of(respell(a.column().get().value())), a.distinct());
            case ColumnItem c when isBuiltIn(c.column().value()) -> {
              String again = respell(c.column().value());
              yield () -> word(again);
            }
            default -> writers.get(i);
          });
    }
    if (distinct) {
      kw("DISTINCT");
    }
    for (int i = 0; i < writers.size(); i++) {
      if (i > 0) {
        sym(",");
      }
      writers.get(i).run();
    }
    if (inject(SqlErrorCode.SYNTAX_ERROR, "FROM misspelt")) {
      word(pick(List.of("FORM", "FRM", "FROMM", "fro", "form")));
    } else {
      kw("FROM");
    }
    word(metricName);

    Optional<Condition> where = Optional.empty();
    if (chance(0.6) || conditionFaultPending()) {
      kw("WHERE");
      where = Optional.of(where());
    }
    if (mode == SelectMode.GROUP_BY_INTERVAL) {
      kw("GROUP");
      kw("BY");
      kw("INTERVAL");
      groupBy = Optional.of(new IntervalGroupBy(intervalDuration()));
    } else if (groupBy.isPresent()) {
      kw("GROUP");
      kw("BY");
      switch (groupBy.get()) {
        // The tag as written in the select list, or in another case if it is a built-in column.
        case TagGroupBy t -> word(respell(tag));
        case IntervalGroupBy i -> {
          kw("INTERVAL");
          groupBy = Optional.of(new IntervalGroupBy(intervalDuration()));
        }
      }
    }
    Optional<OrderBy> orderBy = Optional.empty();
    if (chance(0.3)) {
      kw("ORDER");
      kw("BY");
      String column = name();
      word(column);
      SortDirection direction = SortDirection.ASC;
      int d = random.nextInt(3);
      if (d == 1) {
        kw("ASC");
        count("order:asc");
      } else if (d == 2) {
        kw("DESC");
        direction = SortDirection.DESC;
        count("order:desc");
      }
      orderBy = Optional.of(new OrderBy(column(column), direction));
    }
    Optional<Duration> since = Optional.empty();
    if (wantSince && (sinceAllowed || faultRealized)) {
      kw("SINCE");
      count("select:since");
      since = Optional.of(positiveDuration("SINCE"));
    }
    OptionalLong limit = OptionalLong.empty();
    if (chance(0.4) || fault == SqlErrorCode.INVALID_LIMIT) {
      kw("LIMIT");
      limit = OptionalLong.of(limit());
    }
    return new Select(
        distinct, items, Identifier.of(metricName), where, groupBy, orderBy, since, limit);
  }

  private void addColumn(List<SelectItem> items, List<Runnable> writers, String column) {
    items.add(new ColumnItem(column(column)));
    writers.add(() -> word(column));
  }

  private void addAggregations(List<SelectItem> items, List<Runnable> writers, boolean grouped) {
    int n = 1 + random.nextInt(3);
    Set<SelectItem> seen = new HashSet<>(items);
    for (int attempt = 0; attempt < 10 && n > 0; attempt++) {
      List<AggregateFunction> functions =
          grouped
              ? List.of(AggregateFunction.values())
              : List.of(
                  AggregateFunction.COUNT,
                  AggregateFunction.SUM,
                  AggregateFunction.MIN,
                  AggregateFunction.MAX,
                  AggregateFunction.AVG);
      AggregateFunction function = pick(functions);
      Optional<String> column;
      boolean distinct = false;
      if (function == AggregateFunction.COUNT) {
        int c = random.nextInt(3);
        column = c == 0 ? Optional.empty() : Optional.of(name());
        distinct = c == 2;
      } else if (inject(SqlErrorCode.INVALID_AGGREGATION_ARGUMENT, function + " over a column")) {
        String other = name();
        while (other.equalsIgnoreCase("value")) {
          other = name();
        }
        column = Optional.of(other);
      } else {
        column = chance(0.25) ? Optional.empty() : Optional.of(valueName());
      }
      // sum(*) and sum(VALUE) are one aggregation: the second would be a duplicate.
      if (seen.add(aggregation(function, column, distinct))) {
        addAggregation(items, writers, function, column, distinct);
        n--;
      }
    }
  }

  /** Adds an aggregation over {@code column} as written, {@code *} when empty. */
  private void addAggregation(
      List<SelectItem> items,
      List<Runnable> writers,
      AggregateFunction function,
      Optional<String> column,
      boolean distinct) {
    items.add(aggregation(function, column, distinct));
    count("aggregation:" + function + (distinct ? ":distinct" : column.isEmpty() ? ":*" : ""));
    writers.add(aggregationWriter(function, column, distinct));
  }

  /**
   * The aggregation the parser returns for {@code function(column)}, {@code function(*)} when
   * {@code column} is empty: sum, min, max, avg, first and last over {@code *} or over the value in
   * any case aggregate {@code value}; count(*) has no column.
   */
  private static Aggregation aggregation(
      AggregateFunction function, Optional<String> column, boolean distinct) {
    Optional<Identifier> argument = column.map(RandomStatementGenerator::column);
    if (function != AggregateFunction.COUNT && argument.isEmpty()) {
      argument = Optional.of(Identifier.of("value"));
    }
    return new Aggregation(function, argument, distinct, SourcePosition.UNKNOWN);
  }

  private Runnable aggregationWriter(
      AggregateFunction function, Optional<String> column, boolean distinct) {
    return () -> {
      kw(function.name());
      sym("(");
      if (distinct) {
        kw("DISTINCT");
      }
      if (column.isPresent()) {
        word(column.get());
      } else {
        sym("*");
      }
      sym(")");
    };
  }

  private GroupBy randomGroupBy(String tag) {
    // The interval is drawn while writing; this only says which kind.
    return chance(0.5) ? new TagGroupBy(column(tag)) : new IntervalGroupBy(Duration.ZERO);
  }

  private Duration intervalDuration() {
    if (chance(0.2)) {
      // `INTERVAL d` is one d.
      String unit = unitSpelling();
      if (inject(SqlErrorCode.INVALID_TIME_UNIT, "unknown interval unit")) {
        word(pick(BAD_UNITS));
        return Duration.ofMillis(1);
      }
      word(unit);
      count("interval:bare-unit");
      return Duration.ofMillis(UNIT_SPELLINGS.get(unit.toLowerCase(Locale.ROOT)));
    }
    return positiveDuration("GROUP BY INTERVAL");
  }

  private Duration positiveDuration(String clause) {
    if (inject(SqlErrorCode.INVALID_INTERVAL, clause + " of zero")) {
      word(pick(List.of("0", "00", "000")));
      word(unitSpelling());
      return Duration.ZERO;
    }
    return duration(true);
  }

  private long limit() {
    if (inject(SqlErrorCode.INVALID_LIMIT, "LIMIT 0")) {
      word(pick(List.of("0", "00")));
      return 0;
    }
    if (inject(SqlErrorCode.NUMBER_OUT_OF_RANGE, "LIMIT too large")) {
      word("9223372036854775808");
      return 0;
    }
    long limit =
        switch (random.nextInt(6)) {
          case 0 -> 1;
          case 1 -> Long.MAX_VALUE;
          default -> 1 + random.nextInt(10_000);
        };
    word(Long.toString(limit));
    return limit;
  }

  private Statement insert() {
    kw("INSERT");
    kw("INTO");
    String metricName = name();
    word(metricName);
    OptionalLong timestamp = OptionalLong.empty();
    if (chance(0.5)) {
      kw("TS");
      sym("=");
      timestamp = OptionalLong.of(signedLong());
    }
    Set<String> used = new LinkedHashSet<>();
    List<ColumnAssignment> dimensions = List.of();
    List<ColumnAssignment> tags = List.of();
    if (chance(0.6)) {
      kw("DIM");
      dimensions = assignments(used);
    }
    if (chance(0.6)) {
      kw("TAGS");
      tags = assignments(used);
    }
    if (inject(SqlErrorCode.SYNTAX_ERROR, "VAL missing")) {
      sym("=");
    } else {
      kw("VAL");
      sym("=");
    }
    NumericLiteral value = number(true);
    return new Insert(Identifier.of(metricName), timestamp, dimensions, tags, value);
  }

  private List<ColumnAssignment> assignments(Set<String> used) {
    sym("(");
    int n = 1 + random.nextInt(4);
    List<ColumnAssignment> assignments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sym(",");
      }
      String column;
      if (!used.isEmpty() && inject(SqlErrorCode.DUPLICATE_COLUMN, "column twice in INSERT")) {
        column = pick(List.copyOf(used));
      } else if (inject(SqlErrorCode.RESERVED_COLUMN_NAME, "built-in column in INSERT")) {
        column = pick(List.of("timestamp", "value", "Value", "TIMESTAMP", "vAlUe"));
      } else {
        column = name();
        while (used.contains(column)
            || column.equalsIgnoreCase("timestamp")
            || column.equalsIgnoreCase("value")) {
          column = name();
        }
      }
      used.add(column);
      word(column);
      sym("=");
      Literal value = chance(0.5) ? number(true) : string();
      assignments.add(new ColumnAssignment(column(column), value));
    }
    sym(")");
    return assignments;
  }

  private Statement delete() {
    kw("DELETE");
    kw("FROM");
    String metricName = name();
    word(metricName);
    kw("WHERE");
    return new Delete(Identifier.of(metricName), where());
  }

  private Statement drop() {
    kw("DROP");
    if (inject(SqlErrorCode.SYNTAX_ERROR, "DROP TABLE")) {
      word(pick(List.of("TABLE", "metrix", "x")));
    } else {
      kw("METRIC");
    }
    String metricName = name();
    word(metricName);
    return new DropMetric(Identifier.of(metricName));
  }

  private Statement show() {
    kw("SHOW");
    Show.Target target = pick(List.of(Show.Target.values()));
    if (inject(SqlErrorCode.SYNTAX_ERROR, "SHOW TABLES")) {
      word(pick(List.of("TABLES", "metric", "database", "x")));
    } else {
      kw(target.name());
    }
    count("show:" + target);
    return new Show(target);
  }

  private Statement describe() {
    kw("DESCRIBE");
    if (inject(SqlErrorCode.SYNTAX_ERROR, "DESCRIBE nothing")) {
      kw(pick(List.of("FROM", "SELECT", "NOW")));
      return new Show(Show.Target.METRICS);
    }
    String metricName = name();
    word(metricName);
    return new Describe(Identifier.of(metricName));
  }

  private Statement use() {
    kw("USE");
    String first = name();
    word(first);
    if (inject(SqlErrorCode.SYNTAX_ERROR, "USE a.b.c")) {
      sym(".");
      word(name());
      sym(".");
      word(name());
      return new Use(Optional.empty(), Identifier.of(first));
    }
    if (chance(0.5)) {
      sym(".");
      String second = name();
      word(second);
      count("use:qualified");
      return new Use(Optional.of(Identifier.of(first)), Identifier.of(second));
    }
    return new Use(Optional.empty(), Identifier.of(first));
  }

  // ---------------------------------------------------------------- conditions

  private boolean conditionFaultPending() {
    return fault != null
        && !faultRealized
        && switch (fault) {
          case NESTING_TOO_DEEP,
              INVALID_TIME_UNIT,
              STRING_ORDER_COMPARISON,
              INVALID_LIKE_PATTERN,
              EMPTY_RANGE,
              UNTERMINATED_STRING ->
              true;
          default -> false;
        };
  }

  private Condition where() {
    int budget = random.nextInt(6);
    if (fault == SqlErrorCode.NESTING_TOO_DEEP || (fault == null && deepLeafAllowed)) {
      budget = Math.max(budget, 1);
    }
    return condition(0, budget, Parent.TOP);
  }

  private Condition condition(int depth, int budget, Parent parent) {
    Shape shape;
    conditionNodes++;
    // A NOT over a parenthesised operand nests two levels; stay clear of the limit.
    int room = maxNestingDepth - depth;
    if (budget <= 0 || conditionNodes > 24 || room < 3 || random.nextInt(100) < 30) {
      shape = Shape.LEAF;
    } else {
      shape = pick(List.of(Shape.AND, Shape.OR, Shape.NOT));
    }
    boolean required =
        switch (parent) {
          case TOP, OR -> false;
          case AND -> shape == Shape.OR;
          case NOT -> shape == Shape.AND || shape == Shape.OR;
        };
    // A group of its parent's operator is spliced into the parent with or without parentheses:
    // `a AND (b AND c)` and `a AND b AND c` are one tree.
    boolean sameOperator =
        (parent == Parent.AND && shape == Shape.AND) || (parent == Parent.OR && shape == Shape.OR);
    boolean spliced = sameOperator && random.nextBoolean();
    boolean redundant = !required && !spliced && depth < 12 && room >= 3 && random.nextInt(12) == 0;
    if (required) {
      count("paren:required");
    } else if (spliced) {
      count("paren:spliced");
    } else if (redundant) {
      count("paren:redundant");
    }
    boolean parens = required || spliced || redundant;
    if (parens) {
      sym("(");
      depth++;
      seeDepth(depth);
    }
    Condition condition =
        switch (shape) {
          case AND -> {
            List<Condition> operands = new ArrayList<>();
            int n = 2 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
              if (i > 0) {
                kw("AND");
              }
              operands.add(condition(depth, budget - 1, Parent.AND));
            }
            count("condition:and");
            yield new And(splice(operands, And.class));
          }
          case OR -> {
            List<Condition> operands = new ArrayList<>();
            int n = 2 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
              if (i > 0) {
                kw("OR");
              }
              operands.add(condition(depth, budget - 1, Parent.OR));
            }
            count("condition:or");
            yield new Or(splice(operands, Or.class));
          }
          case NOT -> {
            kw("NOT");
            seeDepth(depth + 1);
            count(parent == Parent.NOT ? "condition:not-chain" : "condition:not");
            yield new Not(condition(depth + 1, budget - 1, Parent.NOT));
          }
          case LEAF -> leafOrDeepLeaf(depth);
        };
    if (parens) {
      sym(")");
    }
    return condition;
  }

  /**
   * The operands of an AND (or OR) as the parser returns them: an operand of the same operator,
   * which the generator writes in parentheses or inline, gives its operands to the parent. NOT and
   * the other operator keep their node.
   */
  private static List<Condition> splice(List<Condition> operands, Class<?> operator) {
    List<Condition> spliced = new ArrayList<>();
    for (Condition operand : operands) {
      switch (operand) {
        case And and when operator == And.class -> spliced.addAll(and.operands());
        case Or or when operator == Or.class -> spliced.addAll(or.operands());
        default -> spliced.add(operand);
      }
    }
    return spliced;
  }

  /**
   * A predicate, now and then under a chain of NOTs and parentheses that reaches exactly the
   * nesting limit (valid) or one past it (the fault {@code NESTING_TOO_DEEP}).
   */
  private Condition leafOrDeepLeaf(int depth) {
    boolean tooDeep =
        fault == SqlErrorCode.NESTING_TOO_DEEP && !faultRealized && random.nextInt(3) == 0;
    boolean atLimit = !tooDeep && deepLeafAllowed && fault == null && random.nextInt(3) == 0;
    if (!tooDeep && !atLimit) {
      return leaf();
    }
    deepLeafAllowed = false;
    int target = tooDeep ? maxNestingDepth + 1 : maxNestingDepth;
    int layers = target - depth;
    if (layers <= 0) {
      return leaf();
    }
    if (tooDeep) {
      realize("nested " + target + " deep");
    }
    count(tooDeep ? "nesting:too-deep" : "nesting:at-limit");
    int nots = 0;
    int open = 0;
    boolean[] isNot = new boolean[layers];
    for (int i = 0; i < layers; i++) {
      isNot[i] = random.nextBoolean();
      if (isNot[i]) {
        kw("NOT");
        nots++;
      } else {
        sym("(");
        open++;
      }
    }
    seeDepth(depth + layers);
    Condition condition = leaf();
    for (int i = 0; i < open; i++) {
      sym(")");
    }
    for (int i = 0; i < nots; i++) {
      condition = new Not(condition);
    }
    return condition;
  }

  private Condition leaf() {
    String column = name();
    Identifier id = column(column);
    int p = random.nextInt(100);
    if (fault == SqlErrorCode.EMPTY_RANGE && !faultRealized && chance(0.5)) {
      p = 60; // a range
    } else if (fault == SqlErrorCode.UNEXPECTED_CHARACTER && !faultRealized && chance(0.3)) {
      p = 40; // a LIKE, where a bare pattern may hold a backslash
    }
    if (p < 40) {
      word(column);
      return comparison(id);
    }
    if (p < 58) {
      word(column);
      kw("LIKE");
      return new Like(id, likePattern());
    }
    if (p < 80) {
      word(column);
      return range(id);
    }
    word(column);
    kw("IS");
    boolean negated = chance(0.5);
    if (negated) {
      kw("NOT");
    }
    kw("NULL");
    count(negated ? "predicate:is-not-null" : "predicate:is-null");
    return new NullCheck(id, negated);
  }

  private Condition comparison(Identifier column) {
    int kind = random.nextInt(3);
    if (kind == 2
        || (fault == SqlErrorCode.STRING_ORDER_COMPARISON && !faultRealized && chance(0.5))) {
      // A string: only = and <> unless a mistake is wanted.
      ComparisonOperator operator;
      if (inject(SqlErrorCode.STRING_ORDER_COMPARISON, "string compared by order")) {
        operator =
            pick(
                List.of(
                    ComparisonOperator.LESS_THAN,
                    ComparisonOperator.LESS_THAN_OR_EQUAL,
                    ComparisonOperator.GREATER_THAN,
                    ComparisonOperator.GREATER_THAN_OR_EQUAL));
      } else {
        operator = chance(0.5) ? ComparisonOperator.EQUAL : ComparisonOperator.NOT_EQUAL;
      }
      operator(operator);
      return new Comparison(column, operator, string());
    }
    ComparisonOperator operator = pick(List.of(ComparisonOperator.values()));
    operator(operator);
    Literal value = kind == 0 ? number(true) : now();
    return new Comparison(column, operator, value);
  }

  private void operator(ComparisonOperator operator) {
    String symbol =
        operator == ComparisonOperator.NOT_EQUAL && chance(0.5) ? "!=" : operator.symbol();
    count("op:" + symbol);
    sym(symbol);
  }

  private Condition range(Identifier column) {
    kw("IN");
    // The bounds are drawn first and written afterwards, in an order that makes the range valid.
    List<String> before = tokens;
    tokens = new ArrayList<>();
    Literal a = rangeBound();
    List<String> aTokens = tokens;
    tokens = new ArrayList<>();
    Literal b = rangeBound();
    List<String> bTokens = tokens;
    tokens = before;
    boolean aAboveB = above(a, b);
    boolean bAboveA = above(b, a);
    boolean swap;
    if ((aAboveB || bAboveA) && inject(SqlErrorCode.EMPTY_RANGE, "IN range upside down")) {
      swap = bAboveA;
    } else {
      swap = aAboveB;
    }
    Literal lower = swap ? b : a;
    Literal upper = swap ? a : b;
    sym("(");
    tokens.addAll(swap ? bTokens : aTokens);
    sym(",");
    tokens.addAll(swap ? aTokens : bTokens);
    sym(")");
    count("range:" + boundKind(lower) + "-" + boundKind(upper));
    return new Range(column, lower, upper);
  }

  private static String boundKind(Literal literal) {
    return literal instanceof NowLiteral ? "now" : "number";
  }

  /**
   * Whether {@code a} is above {@code b} as the validator sees it, so {@code IN (a, b)} is empty.
   */
  private static boolean above(Literal a, Literal b) {
    if (a instanceof NumericLiteral x && b instanceof NumericLiteral y) {
      return x.doubleValue() > y.doubleValue();
    }
    if (a instanceof NowLiteral x && b instanceof NowLiteral y) {
      return x.offset().compareTo(y.offset()) > 0;
    }
    return false;
  }

  private Literal rangeBound() {
    return chance(0.5) ? number(true) : now();
  }

  private LikePattern likePattern() {
    StringBuilder pattern = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(8)) {
        case 0, 1 -> {
          pattern.append('$');
          count("like:wildcard");
        }
        case 2 -> {
          pattern.append("\\$");
          count("like:escaped-dollar");
        }
        case 3 -> {
          pattern.append("\\\\");
          count("like:escaped-backslash");
        }
        case 4 -> pattern.append(pick(List.of("a", "B", "_", "9", "%", " ", "'", "é", "\n")));
        default -> pattern.append(name());
      }
    }
    String text = pattern.toString();
    if (inject(SqlErrorCode.UNEXPECTED_CHARACTER, "backslash in a bare LIKE pattern")) {
      // Escapes need quotes: unquoted, the backslash is a character the dialect does not know.
      // What comes before it is one token that is a pattern by itself, or nothing.
      String before =
          switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> name();
            default -> name() + "$";
          };
      String after = pick(List.of("", "$", "a", "$b$", "9", "\\$"));
      word(before + pick(List.of("\\$", "\\\\")) + after);
      count("like:bare-backslash");
      return new LikePattern("placeholder");
    }
    if (inject(SqlErrorCode.INVALID_LIKE_PATTERN, "bad LIKE escape")) {
      String bad = pick(List.of("\\", "\\x", "\\a", "\\%", "\\'"));
      int at = random.nextInt(text.length() + 1);
      // Inside the pattern, a lone backslash would escape the $ or \ after it, and a bad escape
      // put between a backslash and what it escapes would change both: those go at the end.
      text =
          bad.equals("\\") || text.contains("\\")
              ? text + bad
              : text.substring(0, at) + bad + text.substring(at);
      writeLikePattern(text);
      return new LikePattern("placeholder");
    }
    writeLikePattern(text);
    return new LikePattern(text);
  }

  private void writeLikePattern(String pattern) {
    int way = random.nextInt(3);
    if (way == 0 && LIKE_WORD.matcher(pattern).matches()) {
      word(pattern);
      count("like:bare-pattern");
    } else if (way == 1 && isName(pattern)) {
      word(pattern);
      count("like:bare-word");
    } else {
      quoted(pattern);
      count("like:quoted");
    }
  }

  // ---------------------------------------------------------------- literals

  private NowLiteral now() {
    kw("NOW");
    int p = random.nextInt(3);
    if (p == 0) {
      count("now:bare");
      return NowLiteral.NOW;
    }
    sym(p == 1 ? "+" : "-");
    count(p == 1 ? "now:plus" : "now:minus");
    Duration offset = duration(false);
    return new NowLiteral(p == 1 ? offset : offset.negated());
  }

  /** An amount and a unit in a random spelling; zero only if not {@code positive}. */
  private Duration duration(boolean positive) {
    String unit = unitSpelling();
    long unitMillis = UNIT_SPELLINGS.get(unit.toLowerCase(Locale.ROOT));
    if (inject(SqlErrorCode.NUMBER_OUT_OF_RANGE, "duration too long")) {
      // Either the amount does not fit a long, or amount times unit does not.
      word(
          chance(0.5)
              ? "99999999999999999999"
              : BigInteger.valueOf(Long.MAX_VALUE / unitMillis).add(BigInteger.ONE).toString());
      word(unit);
      return Duration.ZERO;
    }
    long amount =
        switch (random.nextInt(10)) {
          case 0 -> Long.MAX_VALUE / unitMillis; // the longest that fits
          case 1 -> positive ? 1 : 0;
          default -> (positive ? 1 : 0) + random.nextInt(1000);
        };
    String digits = Long.toString(amount);
    if (chance(0.05)) {
      digits = "00" + digits;
    }
    word(digits);
    if (inject(SqlErrorCode.INVALID_TIME_UNIT, "unknown time unit")) {
      word(pick(BAD_UNITS));
      return Duration.ZERO;
    }
    word(unit);
    return Duration.ofMillis(amount * unitMillis);
  }

  private String unitSpelling() {
    String unit = pick(UNIT_NAMES);
    count("unit:" + unit);
    return randomCase(unit);
  }

  private long signedLong() {
    if (inject(SqlErrorCode.NUMBER_OUT_OF_RANGE, "timestamp too large")) {
      word("9223372036854775808");
      return 0;
    }
    long value =
        switch (random.nextInt(5)) {
          case 0 -> Long.MIN_VALUE;
          case 1 -> Long.MAX_VALUE;
          default -> random.nextLong(-2_000_000_000_000L, 2_000_000_000_000L);
        };
    if (value < 0) {
      sym("-");
      word(Long.toString(value).substring(1));
    } else {
      word(Long.toString(value));
    }
    return value;
  }

  /** A number in one of its spellings, maybe negative. */
  private NumericLiteral number(boolean mayBeNegative) {
    boolean negative = mayBeNegative && random.nextInt(4) == 0;
    if (inject(SqlErrorCode.NUMBER_OUT_OF_RANGE, "number too large")) {
      if (negative) {
        sym("-");
      }
      // -9223372036854775808 fits, -9223372036854775809 does not.
      String tooLarge = negative ? "9223372036854775809" : "9223372036854775808";
      String text =
          switch (random.nextInt(5)) {
            case 0 -> tooLarge;
            case 1 -> "99999999999999999999999";
            case 2 -> pick(OVERFLOWING_DECIMALS);
            default -> {
              // A decimal that would read as zero although it is not.
              count("number:underflow");
              yield pick(UNDERFLOWING_DECIMALS);
            }
          };
      word(text);
      return new LongLiteral(0);
    }
    if (negative) {
      sym("-");
      count("number:negative");
    }
    if (chance(0.6)) {
      String digits =
          switch (random.nextInt(8)) {
            case 0 -> "0";
            case 1 -> negative ? "9223372036854775808" : "9223372036854775807";
            case 2 -> "00" + random.nextInt(100);
            case 3 -> Long.toString(random.nextLong(Long.MAX_VALUE));
            default -> Integer.toString(random.nextInt(10_000));
          };
      word(digits);
      count("number:integer");
      return new LongLiteral(Long.parseLong(negative ? "-" + digits : digits));
    }
    String text =
        switch (random.nextInt(10)) {
          case 0 -> random.nextInt(1000) + "." + random.nextInt(1000);
          case 1 -> random.nextInt(1000) + ".";
          case 2 -> "." + random.nextInt(1000);
          case 3 -> random.nextInt(100) + pick(List.of("e", "E")) + random.nextInt(20);
          case 4 -> random.nextInt(100) + "." + random.nextInt(100) + "E-" + random.nextInt(30);
          case 5 -> random.nextInt(10) + "e+" + random.nextInt(300);
          case 6 -> "1.7976931348623157E308";
          case 7 -> pick(List.of("4.9E-324", "2.5E-324")); // both the smallest double
          case 8 -> {
            // Zero in any spelling is zero, however small its exponent.
            count("number:zero-exponent");
            yield pick(List.of("0", "0.", "0.000", ".0"))
                + pick(List.of("e", "E"))
                + pick(List.of("-", "", "+"))
                + (300 + random.nextInt(700));
          }
          default -> Double.toString(random.nextDouble() * 1e6);
        };
    word(text);
    count("number:decimal");
    double value = Double.parseDouble(text);
    return new DoubleLiteral(negative ? -value : value);
  }

  /** A quoted string or a bare word. */
  private StringLiteral string() {
    if (chance(0.3)) {
      String bare = name();
      word(bare);
      count("string:bare");
      return new StringLiteral(bare);
    }
    StringBuilder content = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      content.append(pick(STRING_PIECES));
    }
    quoted(content.toString());
    count("string:quoted");
    return new StringLiteral(content.toString());
  }

  private void quoted(String content) {
    word("'" + content.replace("'", "''") + "'");
  }

  // ---------------------------------------------------------------- names

  /** A name: common ones, non-reserved keywords in any case, and random identifiers. */
  private String name() {
    int p = random.nextInt(100);
    if (p < 45) {
      String name = pick(COMMON_NAMES);
      return name;
    }
    if (p < 60) {
      count("name:keyword");
      return randomCase(pick(NON_RESERVED_KEYWORDS));
    }
    if (p < 63) {
      return randomCase(pick(UNIT_NAMES));
    }
    while (true) {
      StringBuilder name = new StringBuilder();
      String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
      String rest = first + "0123456789";
      name.append(first.charAt(random.nextInt(first.length())));
      int length = random.nextInt(chance(0.02) ? 300 : 12);
      for (int i = 0; i < length; i++) {
        name.append(rest.charAt(random.nextInt(rest.length())));
      }
      if (isName(name.toString())) {
        return name.toString();
      }
    }
  }

  private String valueName() {
    return pick(List.of("value", "VALUE", "Value", "vaLue"));
  }

  /**
   * The column the parser returns for a name written in a column's place: {@code value} and {@code
   * timestamp} in any case are the built-in columns, in lower case; other names keep their case.
   */
  public static Identifier column(String name) {
    return Identifier.of(isBuiltIn(name) ? name.toLowerCase(Locale.ROOT) : name);
  }

  private static boolean isBuiltIn(String name) {
    return BUILT_IN_COLUMNS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The same column written again: a built-in column maybe in another case. */
  private String respell(String name) {
    if (!isBuiltIn(name)) {
      return name;
    }
    count("name:built-in-respelled");
    return randomCase(name);
  }

  private static boolean isName(String text) {
    return IDENTIFIER.matcher(text).matches()
        && !RESERVED_KEYWORDS.contains(text.toUpperCase(Locale.ROOT));
  }

  // ---------------------------------------------------------------- writing

  private void kw(String keyword) {
    tokens.add(randomCase(keyword));
  }

  private void sym(String symbol) {
    tokens.add(symbol);
  }

  private void word(String text) {
    tokens.add(text);
  }

  private String randomCase(String word) {
    return switch (random.nextInt(4)) {
      case 0 -> word.toLowerCase(Locale.ROOT);
      case 1 -> word.toUpperCase(Locale.ROOT);
      case 2 -> {
        StringBuilder mixed = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
          char c = word.charAt(i);
          mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        yield mixed.toString();
      }
      default -> word;
    };
  }

  /**
   * Joins the tokens. {@code cutAt} drops the closing quote of that string token and all that
   * follows; {@code strayAt} puts {@code stray} before that token (or at the end); {@code
   * commentAt} opens a block comment that is never closed before that token (or at the end) and
   * drops all that follows.
   */
  private String render(int cutAt, int strayAt, String stray, int commentAt) {
    Layout layout = pick(List.of(Layout.values()));
    count("layout:" + layout);
    StringBuilder sql = new StringBuilder();
    if (layout == Layout.NOISY && chance(0.5)) {
      sql.append(whitespace(layout));
    }
    String previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (i == commentAt) {
        return sql.append(openComment(layout)).toString();
      }
      if (i == strayAt) {
        sql.append(layout == Layout.COMPACT ? " " : whitespace(layout));
        sql.append(stray);
        previous = null;
      }
      if (previous != null) {
        boolean needed = needsSpace(previous, token);
        if (needed || layout != Layout.COMPACT) {
          sql.append(whitespace(layout));
        }
      } else if (i == strayAt) {
        sql.append(" ");
      }
      if (i == cutAt) {
        sql.append(token, 0, token.length() - 1);
        return sql.toString();
      }
      sql.append(token);
      previous = token;
    }
    if (strayAt == tokens.size()) {
      sql.append(" ").append(stray);
    } else if (chance(0.2)) {
      if (layout == Layout.NOISY) {
        sql.append(whitespace(layout));
      }
      sql.append(';');
      count("trailing-semicolon");
    }
    if (commentAt == tokens.size()) {
      return sql.append(openComment(layout)).toString();
    }
    if (layout == Layout.NOISY && chance(0.5)) {
      sql.append(whitespace(layout));
    }
    return sql.toString();
  }

  private String whitespace(Layout layout) {
    if (layout != Layout.NOISY) {
      return " ";
    }
    StringBuilder space = new StringBuilder();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(12)) {
        case 0 -> space.append("\t");
        case 1 -> space.append("\n");
        case 2 -> space.append("\r\n");
        case 3 -> space.append("\f");
        case 4 -> space.append("\r");
        case 5 -> {
          // A line comment: a space before it so it never swallows a '-' before it.
          space.append(" --").append(commentText()).append(chance(0.5) ? "\n" : "\r\n");
          count("comment:line");
        }
        case 6 -> {
          space.append(" /*").append(commentText()).append("*/ ");
          count("comment:block");
        }
        case 7 -> space.append("   ");
        default -> space.append(" ");
      }
    }
    return space.toString();
  }

  /** A block comment that runs to the end of the text: it never closes. */
  private String openComment(Layout layout) {
    // The text of comments has no '/', so the comment cannot close by accident.
    return (layout == Layout.NOISY ? whitespace(layout) : "")
        + " /*"
        + commentText()
        + (chance(0.3) ? "\n" + commentText() : "");
  }

  private String commentText() {
    StringBuilder text = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      text.append(
          pick(List.of(" ", "select", "'", "''", "(", ")", "*", "-", "é", "中", ";", "NOT", "$")));
    }
    return text.toString();
  }

  /** Whether two tokens would run into one (or change meaning) with nothing between them. */
  static boolean needsSpace(String left, String right) {
    if (left.equals(".") || right.equals(".")) {
      return false; // `db.namespace`
    }
    char a = left.charAt(left.length() - 1);
    char b = right.charAt(0);
    if (isWordChar(a) && isWordChar(b)) {
      // `5ms` is two tokens; `5e` would start a decimal, so units starting with e would need one.
      boolean digitsThenUnit =
          left.chars().allMatch(Character::isDigit)
              && Character.isLetter(b)
              && Character.toLowerCase(b) != 'e'
              && right.chars().allMatch(Character::isLetter);
      return !digitsThenUnit;
    }
    // Operators that would merge, a comment that would open, a quote that would be doubled.
    return switch ("" + a + b) {
      case "<=", "<>", ">=", "!=", "--", "/*", "''" -> true;
      default -> false;
    };
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '\\' || c == '.';
  }

  // ---------------------------------------------------------------- faults and helpers

  /** Makes the chosen mistake here, now and then, if it is this one and not yet made. */
  private boolean inject(SqlErrorCode code, String description) {
    if (fault == code && !faultRealized && random.nextInt(3) != 0) {
      realize(description);
      return true;
    }
    return false;
  }

  private void realize(String description) {
    faultRealized = true;
    faultDescription = description;
  }

  private void seeDepth(int depth) {
    maxDepthSeen = Math.max(maxDepthSeen, depth);
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private void count(String feature) {
    coverage.merge(feature, 1, Integer::sum);
  }
}
