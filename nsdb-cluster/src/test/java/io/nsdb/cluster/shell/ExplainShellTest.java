package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ExplainShellTest {

  private record Run(int errors, String output) {}

  private static Run run(String input) {
    StringWriter output = new StringWriter();
    int errors =
        new ExplainShell(
                new BufferedReader(new StringReader(input)), new PrintWriter(output), false)
            .run();
    return new Run(errors, output.toString());
  }

  @Test
  void showsCanonicalSqlAndTree() {
    Run run = run("select   avg(value) from cpu\n  where host = web1 group by interval 60 min;\n");

    assertEquals(0, run.errors());
    assertEquals(
        """
        SELECT avg(value) FROM cpu WHERE host = 'web1' GROUP BY INTERVAL 1h;
          Select
            distinct: false
            items:
              Aggregation
                function: AVG
                column: value
                distinct: false
            metric: cpu
            where:
              Comparison
                column: host
                operator: EQUAL
                value: 'web1'
            groupBy: IntervalGroupBy 1h
        """,
        run.output());
  }

  @Test
  void putsTheCaretUnderTheOffendingColumnOfTheOffendingLine() {
    Run run = run("select *\nfrom cpu\nwhere host >> 'a';\n");

    assertEquals(1, run.errors());
    assertEquals(
        """
        where host >> 'a';
                    ^
        error SYNTAX_ERROR at line 3:13: mismatched input '>'. Expecting: 'NOW', '-', <decimal>, \
        <integer>, <identifier>, <string>
        """,
        run.output());
  }

  @Test
  void countsEveryFailedStatementAndGoesOn() {
    Run run = run("select * form cpu;\nshow metrics;\nselect first(value) from cpu;\n");

    assertEquals(2, run.errors());
    assertEquals(
        """
        select * form cpu;
                 ^
        error SYNTAX_ERROR at line 1:10: mismatched input 'form'. Expecting: 'FROM'
        SHOW METRICS;
          Show
            target: METRICS
        select first(value) from cpu;
               ^
        error FIRST_LAST_WITHOUT_GROUP_BY at line 1:8: first(value) needs GROUP BY <tag> or \
        GROUP BY INTERVAL
        """,
        run.output());
  }

  @Test
  void parsesAStatementLeftWithoutSemicolonWhenInputEnds() {
    Run run = run("drop metric cpu");

    assertEquals(0, run.errors());
    assertEquals("DROP METRIC cpu;\n  DropMetric\n    metric: cpu\n", run.output());
  }
}
