package io.nsdb.sql;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nsdb.sql.parser.SqlParser;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact messages of representative errors. A message is API (the shell and the HTTP API show it
 * as is), so a change to one of these must be deliberate.
 */
class SqlErrorMessagesTest {

  private static final String STATEMENTS =
      "'SELECT', 'INSERT', 'DELETE', 'DROP', 'SHOW', 'DESCRIBE', 'USE'";
  private static final String UNITS =
      "ms, s (sec, second, seconds), m (min, minute, minutes), h (hour, hours), d (day, days),"
          + " w (week, weeks)";
  private static final String LONG_RANGE = "min=-9223372036854775808, max=9223372036854775807";

  private static Arguments error(String sql, SqlErrorCode code, String message) {
    return Arguments.of(sql, code, message);
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        // ---- syntax errors and what the parser would have accepted ----
        error(
            "select * form cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:10: mismatched input 'form'. Expecting: 'FROM'"),
        error(
            "selec * from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:1: mismatched input 'selec'. Expecting: " + STATEMENTS),
        error(
            "",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:1: mismatched input '<EOF>'. Expecting: " + STATEMENTS),
        error(
            "-- just a comment",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:18: mismatched input '<EOF>'. Expecting: " + STATEMENTS),
        error(
            "select from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:8: mismatched input 'from'. Expecting: 'DISTINCT', '*', <identifier>"),
        error(
            "select * from",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:14: mismatched input '<EOF>'. Expecting: <identifier>"),
        error(
            "select * from select",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:15: mismatched input 'select'. Expecting: <identifier>"),
        error(
            "select median(value) from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:14: mismatched input '('. Expecting: 'FROM', ','"),
        error(
            "select count(x from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:16: mismatched input 'from'. Expecting: ')'"),
        error(
            "select sum() from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:12: mismatched input ')'. Expecting: '*', <identifier>"),
        error(
            "select count(distinct *) from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:23: mismatched input '*'. Expecting: <identifier>"),
        error(
            "select * from cpu where",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:24: mismatched input '<EOF>'. Expecting: 'NOT', '(', <identifier>"),
        error(
            "select * from cpu where host foo 1",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:30: mismatched input 'foo'. Expecting: 'LIKE', 'IN', 'IS', '=', '<>', '<=',"
                + " '>=', '<', '>'"),
        error(
            "select * from cpu where value == 1",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:32: mismatched input '='. Expecting: 'NOW', '-', <decimal>, <integer>,"
                + " <identifier>, <string>"),
        error(
            "select * from cpu where value = - x",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:35: mismatched input 'x'. Expecting: <decimal>, <integer>"),
        error(
            "select * from cpu where host like 5",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:35: mismatched input '5'. Expecting: <identifier>, <pattern>, <string>"),
        error(
            "select * from cpu where value in (1 2)",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:37: mismatched input '2'. Expecting: ','"),
        error(
            "select * from cpu where value in (1, 2, 3)",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:39: mismatched input ','. Expecting: ')'"),
        error(
            "select * from cpu where host is not",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:36: mismatched input '<EOF>'. Expecting: 'NULL'"),
        error(
            "select count(*) from cpu group by",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:34: mismatched input '<EOF>'. Expecting: 'INTERVAL', <identifier>"),
        error(
            "select * from cpu order host",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:25: mismatched input 'host'. Expecting: 'BY'"),
        error(
            "select * from cpu limit 5 6",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:27: mismatched input '6'. Expecting: ';', <EOF>"),
        error(
            "select * from cpu; select * from mem",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:20: mismatched input 'select'. Expecting: <EOF>"),
        error(
            "insert into cpu value = 1",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:17: mismatched input 'value'. Expecting: 'TS', 'DIM', 'TAGS', 'VAL'"),
        error(
            "insert into cpu dim(a = 1) ts = 1 val = 1",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:28: mismatched input 'ts'. Expecting: 'TAGS', 'VAL'"),
        error(
            "insert into cpu ts = 1.5 val = 1",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:22: mismatched input '1.5'. Expecting: '-', <integer>"),
        error(
            "insert into cpu val = x",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:23: mismatched input 'x'. Expecting: '-', <decimal>, <integer>"),
        error(
            "delete from cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:16: mismatched input '<EOF>'. Expecting: 'WHERE'"),
        error(
            "drop cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:6: mismatched input 'cpu'. Expecting: 'METRIC'"),
        error(
            "show tables",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:6: mismatched input 'tables'. Expecting: 'DATABASES', 'NAMESPACES', 'METRICS'"),
        error(
            "use db.",
            SqlErrorCode.SYNTAX_ERROR,
            "line 1:8: mismatched input '<EOF>'. Expecting: <identifier>"),
        error(
            "select *\nform cpu",
            SqlErrorCode.SYNTAX_ERROR,
            "line 2:1: mismatched input 'form'. Expecting: 'FROM'"),
        error(
            "select *\nfrom cpu\nwhere host = 'a'\n  and",
            SqlErrorCode.SYNTAX_ERROR,
            "line 4:6: mismatched input '<EOF>'. Expecting: 'NOT', '(', <identifier>"),
        // ---- lexical errors ----
        error(
            "select * from cpu where host = 'a",
            SqlErrorCode.UNTERMINATED_STRING,
            "line 1:32: string literal is not terminated: a quote opened here is never closed"),
        error(
            "select *\nfrom cpu\nwhere host = 'it''s",
            SqlErrorCode.UNTERMINATED_STRING,
            "line 3:14: string literal is not terminated: a quote opened here is never closed"),
        error(
            "select * from cpu where host # 1",
            SqlErrorCode.UNEXPECTED_CHARACTER,
            "line 1:30: unexpected character '#'"),
        error(
            "select * from cpu where a = 1 && b = 2",
            SqlErrorCode.UNEXPECTED_CHARACTER,
            "line 1:31: unexpected character '&'"),
        error(
            "select * from cpü",
            SqlErrorCode.UNEXPECTED_CHARACTER,
            "line 1:17: unexpected character 'ü'"),
        // ---- checks on the tree ----
        error(
            "select * from cpu where " + "(".repeat(65) + "a = 1" + ")".repeat(65),
            SqlErrorCode.NESTING_TOO_DEEP,
            "line 1:89: condition nested too deeply [depth=65, max=64]"),
        error(
            "select * from cpu where " + "not ".repeat(65) + "a = 1",
            SqlErrorCode.NESTING_TOO_DEEP,
            "line 1:25: condition nested too deeply [depth=65, max=64]"),
        error(
            "select * from cpu where timestamp > now - 3y",
            SqlErrorCode.INVALID_TIME_UNIT,
            "line 1:44: unknown time unit 'y' [accepted=" + UNITS + "]"),
        error(
            "select count(*) from cpu group by interval 1h since 3 fortnights",
            SqlErrorCode.INVALID_TIME_UNIT,
            "line 1:55: unknown time unit 'fortnights' [accepted=" + UNITS + "]"),
        error(
            "select count(*) from cpu group by interval 0s",
            SqlErrorCode.INVALID_INTERVAL,
            "line 1:44: GROUP BY INTERVAL must be positive [interval=0s]"),
        error(
            "select count(*) from cpu group by interval 1h since 0 d",
            SqlErrorCode.INVALID_INTERVAL,
            "line 1:53: SINCE must be positive [since=0d]"),
        error(
            "select * from cpu where value = 9223372036854775808",
            SqlErrorCode.NUMBER_OUT_OF_RANGE,
            "line 1:33: integer out of range [value=9223372036854775808, " + LONG_RANGE + "]"),
        error(
            "select * from cpu limit 99999999999999999999",
            SqlErrorCode.NUMBER_OUT_OF_RANGE,
            "line 1:25: integer out of range [value=99999999999999999999, " + LONG_RANGE + "]"),
        error(
            "insert into cpu val = 1e400",
            SqlErrorCode.NUMBER_OUT_OF_RANGE,
            "line 1:23: decimal out of range [value=1e400, min magnitude=4.9E-324, max"
                + " magnitude=1.7976931348623157E308]"),
        error(
            "select * from cpu limit 0",
            SqlErrorCode.INVALID_LIMIT,
            "line 1:25: LIMIT must be at least 1 [limit=0]"),
        error(
            "select host from cpu group by host",
            SqlErrorCode.AGGREGATION_REQUIRED,
            "line 1:8: a GROUP BY select must aggregate, e.g. count(*) or avg(value) [items=host]"),
        error(
            "select region, count(*) from cpu group by host",
            SqlErrorCode.COLUMN_NOT_GROUPED,
            "line 1:8: column is neither aggregated nor the GROUP BY column [column=region,"
                + " groupBy=host]"),
        error(
            "select host, count(*) from cpu group by interval 1h",
            SqlErrorCode.COLUMN_NOT_GROUPED,
            "line 1:8: column is neither aggregated nor the GROUP BY column [column=host,"
                + " groupBy=INTERVAL 1h]"),
        error(
            "select count(*), host from cpu",
            SqlErrorCode.MIXED_AGGREGATION_AND_COLUMNS,
            "line 1:18: column selected next to aggregations without GROUP BY [column=host]"),
        error(
            "select count(*), last(value) from cpu",
            SqlErrorCode.FIRST_LAST_WITHOUT_GROUP_BY,
            "line 1:18: last(value) needs GROUP BY <tag> or GROUP BY INTERVAL"),
        error(
            "select sum(host) from cpu",
            SqlErrorCode.INVALID_AGGREGATION_ARGUMENT,
            "line 1:12: sum aggregates the value of a metric, not a column: write sum(value) or"
                + " count(host) [function=sum, column=host]"),
        error(
            "select distinct host, region from cpu",
            SqlErrorCode.INVALID_DISTINCT,
            "line 1:17: DISTINCT takes exactly one plain column [items=host, region]"),
        error(
            "select count(*), count( * ) from cpu",
            SqlErrorCode.DUPLICATE_SELECT_ITEM,
            "line 1:18: select item appears twice [item=count(*)]"),
        error(
            "select * from cpu where host > 'a'",
            SqlErrorCode.STRING_ORDER_COMPARISON,
            "line 1:25: strings compare only with =, <> and LIKE [column=host, operator=>,"
                + " value='a']"),
        error(
            "select * from cpu where host like 'a\\x'",
            SqlErrorCode.INVALID_LIKE_PATTERN,
            "line 1:35: LIKE pattern escapes 'x', only '$' and '\\' can be escaped [pattern=a\\x,"
                + " offset=1]"),
        error(
            "select * from cpu where host like 'abc\\'",
            SqlErrorCode.INVALID_LIKE_PATTERN,
            "line 1:35: LIKE pattern ends with an escape character [pattern=abc\\]"),
        error(
            "select * from cpu where value in (5, 1)",
            SqlErrorCode.EMPTY_RANGE,
            "line 1:25: IN range is empty: its lower bound is above its upper bound"
                + " [column=value]"),
        error(
            "insert into cpu dim(host = a) tags(host = b) val = 1",
            SqlErrorCode.DUPLICATE_COLUMN,
            "line 1:36: column given twice in INSERT [column=host]"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("messages")
  void message(String sql, SqlErrorCode code, String message) {
    SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parse(sql));
    assertAll(
        () -> assertEquals(message, e.getMessage()),
        () -> assertEquals(code, e.code(), "code"),
        () -> assertEquals(message.substring(message.indexOf(": ") + 2), e.reason(), "reason"),
        () -> assertEquals(expectedList(message), e.expected(), "expected()"));
  }

  /** The {@code Expecting:} list of a message, as {@link SqlParseException#expected()} has it. */
  private static List<String> expectedList(String message) {
    int at = message.indexOf(". Expecting: ");
    if (at < 0) {
      return List.of();
    }
    return Arrays.asList(message.substring(at + ". Expecting: ".length()).split(", "));
  }
}
