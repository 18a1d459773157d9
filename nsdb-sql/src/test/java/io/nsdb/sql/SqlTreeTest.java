package io.nsdb.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.nsdb.sql.tree.Or;
import io.nsdb.sql.tree.OrderBy;
import io.nsdb.sql.tree.Range;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Show;
import io.nsdb.sql.tree.SortDirection;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.sql.tree.TagGroupBy;
import io.nsdb.sql.tree.Use;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact trees the parser builds: precedence, literals, durations, statements, positions. */
class SqlTreeTest {

  private static final SqlParser PARSER = new SqlParser(SqlParser.DEFAULT_MAX_NESTING_DEPTH);

  // ---- helpers -------------------------------------------------------------------------------

  private static Identifier id(String name) {
    return Identifier.of(name);
  }

  private static Comparison eq(String column, long value) {
    return new Comparison(id(column), ComparisonOperator.EQUAL, new LongLiteral(value));
  }

  private static Select select(String sql) {
    return assertInstanceOf(Select.class, SqlParser.parse(sql));
  }

  private static Condition where(String condition) {
    return select("select * from cpu where " + condition).where().orElseThrow();
  }

  private static Literal literal(String literal) {
    return assertInstanceOf(Comparison.class, where("value = " + literal)).value();
  }

  private static Select selectAll(String metric, Condition where) {
    return new Select(
        false,
        List.of(AllColumns.of()),
        id(metric),
        Optional.of(where),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty());
  }

  private static SourcePosition at(int line, int column) {
    return new SourcePosition(line, column);
  }

  // ---- precedence ----------------------------------------------------------------------------

  @Test
  void andBindsTighterThanOr() {
    assertEquals(Or.of(eq("a", 1), And.of(eq("b", 2), eq("c", 3))), where("a=1 or b=2 and c=3"));
    assertEquals(Or.of(And.of(eq("a", 1), eq("b", 2)), eq("c", 3)), where("a=1 and b=2 or c=3"));
    assertEquals(
        Or.of(And.of(eq("a", 1), eq("b", 2)), And.of(eq("c", 3), eq("d", 4))),
        where("a = 1 and b = 2 or c = 3 and d = 4"));
  }

  @Test
  void notBindsOnlyTheNextPrimary() {
    assertEquals(And.of(new Not(eq("a", 1)), eq("b", 2)), where("not a=1 and b=2"));
    assertEquals(Or.of(new Not(eq("a", 1)), eq("b", 2)), where("not a = 1 or b = 2"));
    assertEquals(
        Or.of(eq("a", 1), And.of(new Not(eq("b", 2)), eq("c", 3))),
        where("a = 1 or not b = 2 and c = 3"));
  }

  @Test
  void notOfAParenthesisedConditionNegatesAllOfIt() {
    assertEquals(new Not(And.of(eq("a", 1), eq("b", 2))), where("not (a=1 and b=2)"));
    assertEquals(
        And.of(new Not(Or.of(eq("a", 1), eq("b", 2))), eq("c", 3)),
        where("not (a = 1 or b = 2) and c = 3"));
  }

  @Test
  void repeatedNotsNest() {
    assertEquals(new Not(new Not(eq("a", 1))), where("not not a = 1"));
    assertEquals(new Not(new Not(eq("a", 1))), where("not (not a = 1)"));
  }

  @Test
  void chainsAreFlatNaryNodes() {
    assertEquals(
        new And(List.of(eq("a", 1), eq("b", 2), eq("c", 3), eq("d", 4))),
        where("a = 1 and b = 2 and c = 3 and d = 4"));
    assertEquals(Or.of(eq("a", 1), eq("b", 2), eq("c", 3)), where("a = 1 or b = 2 or c = 3"));
  }

  @Test
  void groupsOfTheSameOperatorAreSplicedIntoTheirParent() {
    And flat = And.of(eq("a", 1), eq("b", 2), eq("c", 3));
    assertEquals(flat, where("(a=1 and b=2) and c=3"));
    assertEquals(flat, where("a=1 and (b=2 and c=3)"));
    assertEquals(Or.of(eq("a", 1), eq("b", 2), eq("c", 3)), where("(a = 1 or b = 2) or c = 3"));
  }

  @Test
  void parenthesesThatChangeTheMeaningKeepTheirNode() {
    assertEquals(And.of(Or.of(eq("a", 1), eq("b", 2)), eq("c", 3)), where("(a=1 or b=2) and c=3"));
    assertEquals(Or.of(eq("a", 1), And.of(eq("b", 2), eq("c", 3))), where("a=1 or (b=2 and c=3)"));
    assertNotEquals(where("a=1 or b=2 and c=3"), where("(a=1 or b=2) and c=3"));
  }

  @Test
  void aggregationsOfTheValueAreOneAggregationHoweverWritten() {
    assertEquals(
        select("select sum(value) from cpu").items(), select("select sum(*) from cpu").items());
    assertEquals(
        select("select sum(value) from cpu").items(), select("select SUM(Value) from cpu").items());
  }

  @Test
  void redundantParenthesesLeaveNoTrace() {
    assertEquals(eq("a", 1), where("(a = 1)"));
    assertEquals(eq("a", 1), where("((((a = 1))))"));
    assertEquals(
        And.of(Or.of(eq("a", 1), eq("b", 2)), eq("c", 3)), where("((a=1 or b=2)) and c=3"));
  }

  @Test
  void nestingUpToTheLimitBuildsTheTree() {
    Condition expected = eq("a", 1);
    for (int i = 0; i < SqlParser.DEFAULT_MAX_NESTING_DEPTH; i++) {
      expected = new Not(expected);
    }
    assertEquals(expected, where("not ".repeat(SqlParser.DEFAULT_MAX_NESTING_DEPTH) + "a = 1"));
    assertEquals(eq("a", 1), where("(".repeat(64) + "a = 1" + ")".repeat(64)));
  }

  @Test
  void aSmallerNestingLimitIsEnforced() {
    SqlParser strict = new SqlParser(2);
    assertEquals(
        selectAll("cpu", eq("a", 1)), strict.parseStatement("select * from cpu where ((a = 1))"));
    SqlParseException parens =
        assertThrows(
            SqlParseException.class,
            () -> strict.parseStatement("select * from cpu where (((a = 1)))"));
    assertEquals(SqlErrorCode.NESTING_TOO_DEEP, parens.code());
    assertEquals(at(1, 27), parens.position());
    SqlParseException nots =
        assertThrows(
            SqlParseException.class,
            () -> strict.parseStatement("select * from cpu where not not not a = 1"));
    assertEquals(SqlErrorCode.NESTING_TOO_DEEP, nots.code());
    assertThrows(IllegalArgumentException.class, () -> new SqlParser(0));
  }

  // ---- predicates ----------------------------------------------------------------------------

  @Test
  void predicates() {
    assertEquals(
        new Comparison(id("value"), ComparisonOperator.NOT_EQUAL, new LongLiteral(1)),
        where("value != 1"));
    assertEquals(where("value <> 1"), where("value != 1"));
    assertEquals(
        new Comparison(id("v"), ComparisonOperator.LESS_THAN_OR_EQUAL, new DoubleLiteral(1.5)),
        where("v <= 1.5"));
    assertEquals(
        new Comparison(id("v"), ComparisonOperator.GREATER_THAN_OR_EQUAL, new LongLiteral(-1)),
        where("v >= -1"));
    assertEquals(
        new Comparison(id("v"), ComparisonOperator.LESS_THAN, new LongLiteral(2)), where("v<2"));
    assertEquals(
        new Comparison(id("v"), ComparisonOperator.GREATER_THAN, new LongLiteral(2)), where("v>2"));
    assertEquals(new Like(id("name"), new LikePattern("$ame$")), where("name like $ame$"));
    assertEquals(where("name like '$ame$'"), where("name like $ame$"));
    assertEquals(new Like(id("name"), new LikePattern("a\\$b")), where("name like 'a\\$b'"));
    assertEquals(new Like(id("name"), new LikePattern("it's$")), where("name like 'it''s$'"));
    assertEquals(new NullCheck(id("host"), false), where("host is null"));
    assertEquals(new NullCheck(id("host"), true), where("host IS NOT NULL"));
    assertEquals(new Not(new NullCheck(id("host"), false)), where("not host is null"));
    assertEquals(
        new Range(id("value"), new LongLiteral(1), new DoubleLiteral(2.5)),
        where("value in (1, 2.5)"));
    assertEquals(
        new Range(id("timestamp"), new NowLiteral(Duration.ofHours(-1)), NowLiteral.NOW),
        where("timestamp in (now - 1h, now)"));
  }

  // ---- literals ------------------------------------------------------------------------------

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of("1", new LongLiteral(1)),
        Arguments.of("-2", new LongLiteral(-2)),
        Arguments.of("- 2", new LongLiteral(-2)),
        Arguments.of("0", new LongLiteral(0)),
        Arguments.of("00012", new LongLiteral(12)),
        Arguments.of("9223372036854775807", new LongLiteral(Long.MAX_VALUE)),
        Arguments.of("-9223372036854775808", new LongLiteral(Long.MIN_VALUE)),
        Arguments.of("1.5", new DoubleLiteral(1.5)),
        Arguments.of("-1.5", new DoubleLiteral(-1.5)),
        Arguments.of("1.0", new DoubleLiteral(1.0)),
        Arguments.of("1.", new DoubleLiteral(1.0)),
        Arguments.of(".5", new DoubleLiteral(0.5)),
        Arguments.of("-.5", new DoubleLiteral(-0.5)),
        Arguments.of("1e3", new DoubleLiteral(1000.0)),
        Arguments.of("1E3", new DoubleLiteral(1000.0)),
        Arguments.of("1e+3", new DoubleLiteral(1000.0)),
        Arguments.of("2.5E-4", new DoubleLiteral(2.5E-4)),
        Arguments.of("-2e3", new DoubleLiteral(-2000.0)),
        Arguments.of("1.e3", new DoubleLiteral(1000.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  void numericLiterals(String text, Literal expected) {
    assertEquals(expected, literal(text));
  }

  @Test
  void integersAndDecimalsAreDifferentLiterals() {
    assertInstanceOf(LongLiteral.class, literal("1"));
    assertInstanceOf(DoubleLiteral.class, literal("1.0"));
    assertNotEquals(literal("1"), literal("1.0"));
    assertNotEquals(literal("1000"), literal("1e3"));
  }

  @Test
  void integerOutOfRangeIsAnErrorNotADouble() {
    SqlParseException e =
        assertThrows(
            SqlParseException.class,
            () -> SqlParser.parse("select * from cpu where value = 9223372036854775808"));
    assertEquals(SqlErrorCode.NUMBER_OUT_OF_RANGE, e.code());
  }

  @Test
  void bareWordsAndQuotedStringsAreTheSameString() {
    assertEquals(new StringLiteral("WHITE"), literal("WHITE"));
    assertEquals(literal("'WHITE'"), literal("WHITE"));
    assertEquals(
        SqlParser.parse("select * from cpu where priority = WHITE"),
        SqlParser.parse("select * from cpu where priority = 'WHITE'"));
    assertNotEquals(literal("white"), literal("WHITE"), "a bare word keeps its case");
    assertEquals(new StringLiteral("count"), literal("count"), "a non-reserved keyword");
    assertEquals(new StringLiteral("value"), literal("value"));
  }

  @Test
  void quotedStrings() {
    assertEquals(new StringLiteral("it's"), literal("'it''s'"));
    assertEquals(new StringLiteral("'"), literal("''''"));
    assertEquals(new StringLiteral(""), literal("''"));
    assertEquals(new StringLiteral(" spaced  out "), literal("' spaced  out '"));
    assertEquals(new StringLiteral("a\nb"), literal("'a\nb'"));
    assertEquals(new StringLiteral("-- x /* y */"), literal("'-- x /* y */'"));
    assertEquals(new StringLiteral("back\\slash"), literal("'back\\slash'"));
  }

  @Test
  void nowLiterals() {
    assertEquals(NowLiteral.NOW, literal("now"));
    assertEquals(NowLiteral.NOW, literal("NOW"));
    assertEquals(new NowLiteral(Duration.ofHours(-1)), literal("now - 1h"));
    assertEquals(new NowLiteral(Duration.ofHours(-1)), literal("now-1h"));
    assertEquals(new NowLiteral(Duration.ofSeconds(30)), literal("now + 30 s"));
    assertEquals(new NowLiteral(Duration.ofMillis(-1500)), literal("now - 1500ms"));
    assertEquals(NowLiteral.NOW, literal("now - 0s"));
  }

  // ---- durations -----------------------------------------------------------------------------

  private static Duration interval(String sql) {
    return assertInstanceOf(IntervalGroupBy.class, select(sql).groupBy().orElseThrow()).interval();
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "1ms, 1",
    "250 ms, 250",
    "1s, 1000",
    "10s, 10000",
    "10 s, 10000",
    "2 sec, 2000",
    "1 second, 1000",
    "3 seconds, 3000",
    "1m, 60000",
    "5 min, 300000",
    "1 minute, 60000",
    "15 minutes, 900000",
    "1h, 3600000",
    "1 hour, 3600000",
    "2 hours, 7200000",
    "1d, 86400000",
    "1 day, 86400000",
    "3 days, 259200000",
    "1w, 604800000",
    "1 week, 604800000",
    "2 weeks, 1209600000",
    "1 H, 3600000",
    "1 Hour, 3600000",
    "1 MS, 1",
    "d, 86400000",
    "h, 3600000",
    "S, 1000",
    "min, 60000",
    "week, 604800000"
  })
  void intervalUnits(String duration, long millis) {
    assertEquals(
        Duration.ofMillis(millis),
        interval("select count(*) from cpu group by interval " + duration));
  }

  @Test
  void durationsAreValuesNotSpellings() {
    assertEquals(Duration.ofHours(1), interval("select count(*) from cpu group by interval 60m"));
    assertEquals(
        SqlParser.parse("select count(*) from cpu group by interval 60m"),
        SqlParser.parse("select count(*) from cpu group by interval 1h"));
    assertEquals(
        SqlParser.parse("select count(*) from cpu group by interval 10s"),
        SqlParser.parse("select count(*) from cpu group by interval 10 s"));
    assertEquals(
        SqlParser.parse("select * from cpu where timestamp > now - 1d"),
        SqlParser.parse("select * from cpu where timestamp > now - 24 hours"));
  }

  @Test
  void intervalWithoutAmountIsOneUnit() {
    assertEquals(Duration.ofDays(1), interval("select count(*) from cpu group by interval d"));
    assertEquals(
        SqlParser.parse("select count(*) from cpu group by interval d"),
        SqlParser.parse("select count(*) from cpu group by interval 1 d"));
  }

  @Test
  void since() {
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        select("select count(*) from cpu group by interval 1m since 90 s").since());
    assertEquals(
        Optional.of(Duration.ofDays(7)),
        select("select count(*) from cpu group by interval 1d since 1 week").since());
  }

  // ---- statements ----------------------------------------------------------------------------

  @Test
  void selectWithEveryClause() {
    Select expected =
        new Select(
            false,
            List.of(new ColumnItem(id("host")), Aggregation.ofAll(AggregateFunction.COUNT)),
            id("cpu"),
            Optional.of(
                new Comparison(id("value"), ComparisonOperator.GREATER_THAN, new LongLiteral(1))),
            Optional.of(new TagGroupBy(id("host"))),
            Optional.of(new OrderBy(id("host"), SortDirection.DESC)),
            Optional.empty(),
            OptionalLong.of(10));
    assertEquals(
        expected,
        SqlParser.parse(
            "select host, count(*) from cpu where value > 1 group by host order by host desc"
                + " limit 10"));
  }

  @Test
  void selectWithIntervalAndSince() {
    Select expected =
        new Select(
            false,
            List.of(Aggregation.of(AggregateFunction.AVG, "value")),
            id("cpu"),
            Optional.empty(),
            Optional.of(new IntervalGroupBy(Duration.ofMinutes(5))),
            Optional.of(new OrderBy(id("timestamp"), SortDirection.ASC)),
            Optional.of(Duration.ofHours(1)),
            OptionalLong.empty());
    assertEquals(
        expected,
        SqlParser.parse(
            "SELECT AVG(value) FROM cpu GROUP BY INTERVAL 5 min ORDER BY timestamp ASC SINCE 1h"));
    assertEquals(
        expected,
        SqlParser.parse(
            "select avg(value) from cpu group by interval 5m order by timestamp since 60 minutes"));
  }

  @Test
  void selectItems() {
    Select s = select("select distinct host from cpu where host like 'a$' order by host");
    assertTrue(s.distinct());
    assertEquals(List.of(new ColumnItem(id("host"))), s.items());
    assertEquals(
        List.of(
            Aggregation.ofAll(AggregateFunction.COUNT),
            Aggregation.of(AggregateFunction.COUNT, "host"),
            new Aggregation(
                AggregateFunction.COUNT, Optional.of(id("host")), true, SourcePosition.UNKNOWN),
            Aggregation.of(AggregateFunction.SUM, "value"),
            Aggregation.of(AggregateFunction.MIN, "value"),
            Aggregation.of(AggregateFunction.MAX, "value"),
            Aggregation.of(AggregateFunction.FIRST, "value"),
            Aggregation.of(AggregateFunction.LAST, "value")),
        select(
                "select count(*), count(host), COUNT(DISTINCT host), sum(value), min(*),"
                    + " max(value), first(value), last(*) from cpu group by host")
            .items());
    assertEquals(
        List.of(new ColumnItem(id("count")), new ColumnItem(id("value"))),
        select("select count, value from cpu").items(),
        "non-reserved keywords as column names");
  }

  @Test
  void identifiersKeepTheirCaseAndKeywordsDoNot() {
    assertEquals(
        SqlParser.parse("SELECT * FROM Cpu WHERE Host = 'A'"),
        SqlParser.parse("select * from Cpu where Host = 'A'"));
    assertNotEquals(
        SqlParser.parse("select * from Cpu"), SqlParser.parse("select * from cpu"), "metric case");
    assertEquals(id("Cpu"), select("sElEcT * fRoM Cpu").metric());
  }

  @Test
  void insertWithEveryPart() {
    Insert expected =
        new Insert(
            id("cpu"),
            OptionalLong.of(1600000000000L),
            List.of(
                new ColumnAssignment(id("host"), new StringLiteral("a")),
                new ColumnAssignment(id("cores"), new LongLiteral(4))),
            List.of(
                new ColumnAssignment(id("region"), new StringLiteral("eu")),
                new ColumnAssignment(id("rack"), new DoubleLiteral(2.5))),
            new DoubleLiteral(-1.5));
    assertEquals(
        expected,
        SqlParser.parse(
            "insert into cpu ts = 1600000000000 dim(host = 'a', cores = 4)"
                + " tags(region = eu, rack = 2.5) val = -1.5"));
  }

  @Test
  void minimalInsert() {
    assertEquals(
        new Insert(id("cpu"), OptionalLong.empty(), List.of(), List.of(), new LongLiteral(1)),
        SqlParser.parse("INSERT INTO cpu VAL = 1"));
    assertEquals(
        new Insert(
            id("cpu"),
            OptionalLong.of(Long.MIN_VALUE),
            List.of(),
            List.of(),
            new DoubleLiteral(1000.0)),
        SqlParser.parse("insert into cpu ts = -9223372036854775808 val = 1e3"));
  }

  @Test
  void otherStatements() {
    assertEquals(
        new Delete(
            id("cpu"),
            new Comparison(
                id("timestamp"),
                ComparisonOperator.LESS_THAN,
                new NowLiteral(Duration.ofDays(-7)))),
        SqlParser.parse("delete from cpu where timestamp < now - 7d"));
    assertEquals(new DropMetric(id("cpu")), SqlParser.parse("drop metric cpu;"));
    assertEquals(new Show(Show.Target.DATABASES), SqlParser.parse("show databases"));
    assertEquals(new Show(Show.Target.NAMESPACES), SqlParser.parse("SHOW namespaces"));
    assertEquals(new Show(Show.Target.METRICS), SqlParser.parse("Show Metrics"));
    assertEquals(new Describe(id("cpu")), SqlParser.parse("describe cpu"));
    assertEquals(new Describe(id("metrics")), SqlParser.parse("describe metrics"));
  }

  @Test
  void use() {
    assertEquals(new Use(Optional.of(id("db")), id("ns")), SqlParser.parse("USE db.ns"));
    assertEquals(new Use(Optional.of(id("db")), id("ns")), SqlParser.parse("use db . ns;"));
    assertEquals(new Use(Optional.empty(), id("ns")), SqlParser.parse("use ns"));
    Use use = assertInstanceOf(Use.class, SqlParser.parse("use\n  Db.Ns"));
    assertEquals(at(2, 3), use.database().orElseThrow().position());
    assertEquals(at(2, 6), use.namespace().position());
  }

  // ---- positions -----------------------------------------------------------------------------

  @Test
  void identifierPositionsAreOneBased() {
    Select s =
        select("select host, count(*) from cpu where region = 'a' group by host order by host");
    assertEquals(at(1, 8), ((ColumnItem) s.items().get(0)).column().position());
    assertEquals(at(1, 14), ((Aggregation) s.items().get(1)).position());
    assertEquals(at(1, 28), s.metric().position());
    Comparison c = assertInstanceOf(Comparison.class, s.where().orElseThrow());
    assertEquals(at(1, 38), c.column().position());
    assertEquals(
        at(1, 60), ((TagGroupBy) s.groupBy().orElseThrow()).tag().position(), "group by tag");
    assertEquals(at(1, 74), s.orderBy().orElseThrow().column().position(), "order by column");
  }

  @Test
  void positionsOnLaterLines() {
    Select s =
        select(
            """
            select host,
              count(*)
            from cpu
            where
                region = 'a'
            group by host""");
    assertEquals(at(1, 8), ((ColumnItem) s.items().get(0)).column().position());
    assertEquals(at(2, 3), ((Aggregation) s.items().get(1)).position());
    assertEquals(at(3, 6), s.metric().position());
    Comparison c = assertInstanceOf(Comparison.class, s.where().orElseThrow());
    assertEquals(at(5, 5), c.column().position());
  }

  @Test
  void positionsCountCharactersAfterCommentsTabsAndCarriageReturns() {
    ColumnItem host = (ColumnItem) select("select\thost from cpu").items().get(0);
    assertEquals(at(1, 8), host.column().position());
    assertEquals(at(2, 6), select("select * -- all\r\nfrom cpu").metric().position());
    assertEquals(at(1, 23), select("select * /* x */ from cpu").metric().position());
    assertEquals(at(3, 1), select("/* a\nb */ select * from\ncpu").metric().position());
  }

  @Test
  void aggregationAndInsertPositions() {
    Select s = select("select count(*), sum(value) from cpu");
    assertEquals(at(1, 8), ((Aggregation) s.items().get(0)).position());
    assertEquals(at(1, 18), ((Aggregation) s.items().get(1)).position());
    assertEquals(
        Optional.of(at(1, 22)),
        ((Aggregation) s.items().get(1)).column().map(Identifier::position));
    Insert insert =
        assertInstanceOf(
            Insert.class,
            SqlParser.parse("insert into cpu\ndim(host = 'a')\ntags(rack = 1) val = 1"));
    assertEquals(at(1, 13), insert.metric().position());
    assertEquals(at(2, 5), insert.dimensions().get(0).column().position());
    assertEquals(at(3, 6), insert.tags().get(0).column().position());
  }

  @Test
  void positionsAreNotPartOfEquality() {
    assertEquals(new Identifier("a", at(3, 7)), Identifier.of("a"));
    assertEquals(new Identifier("a", at(3, 7)).hashCode(), Identifier.of("a").hashCode());
    Aggregation parsed = (Aggregation) select("select\n\n   count(*) from cpu").items().get(0);
    assertEquals(at(3, 4), parsed.position());
    assertEquals(Aggregation.ofAll(AggregateFunction.COUNT), parsed);
    assertEquals(
        SqlParser.parse("select host,count(*) from cpu group by host"),
        SqlParser.parse("select\n  host,\n  count( * )\nfrom\n  cpu\ngroup by\n  host"));
  }

  // ---- scripts -------------------------------------------------------------------------------

  @Test
  void scriptOfSeveralStatements() {
    List<Statement> statements =
        PARSER.parseScript(
            """
            select * from cpu;
            show metrics;;
            -- a comment between statements
            use db.ns
            ;insert into cpu val = 1;
            """);
    assertEquals(
        List.of(
            SqlParser.parse("select * from cpu"),
            new Show(Show.Target.METRICS),
            new Use(Optional.of(id("db")), id("ns")),
            SqlParser.parse("insert into cpu val = 1")),
        statements);
    Use use = (Use) statements.get(2);
    assertEquals(at(4, 5), use.database().orElseThrow().position(), "positions are in the script");
  }

  @Test
  void scriptWithoutSeparatorBetweenStatementsIsAnError() {
    SqlParseException e =
        assertThrows(
            SqlParseException.class, () -> PARSER.parseScript("select * from cpu show metrics"));
    assertEquals(SqlErrorCode.SYNTAX_ERROR, e.code());
    assertEquals(at(1, 19), e.position());
  }

  @Test
  void emptyScripts() {
    assertEquals(List.of(), PARSER.parseScript(""));
    assertEquals(List.of(), PARSER.parseScript("   \n\t "));
    assertEquals(List.of(), PARSER.parseScript(";"));
    assertEquals(List.of(), PARSER.parseScript(" ; ;; -- nothing\n/* at all */ ;"));
    assertEquals(
        List.of(SqlParser.parse("show databases")), PARSER.parseScript(";;show databases;;;"));
  }

  @Test
  void errorsInAScriptPointIntoTheScript() {
    SqlParseException syntax =
        assertThrows(
            SqlParseException.class,
            () -> PARSER.parseScript("select * from cpu;\nselect * form mem;"));
    assertEquals(SqlErrorCode.SYNTAX_ERROR, syntax.code());
    assertEquals(at(2, 10), syntax.position());
    SqlParseException semantic =
        assertThrows(
            SqlParseException.class,
            () ->
                PARSER.parseScript(
                    "show metrics;\nselect * from cpu;\nselect host, count(*) from cpu"));
    assertEquals(SqlErrorCode.MIXED_AGGREGATION_AND_COLUMNS, semantic.code());
    assertEquals(at(3, 8), semantic.position());
  }

  @Test
  void parseAcceptsOneStatementOnly() {
    SqlParseException e =
        assertThrows(
            SqlParseException.class, () -> SqlParser.parse("select * from cpu; select * from mem"));
    assertEquals(at(1, 20), e.position());
    assertEquals(new DropMetric(id("cpu")), SqlParser.parse("drop metric cpu ; -- bye"));
  }
}
