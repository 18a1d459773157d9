package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as a script ({@code -e}, {@code -f}, standard input) against a real server: every
 * statement of the dialect, the formats, errors with their caret, and the exit status.
 */
class ShellScriptTest {

  @TempDir Path tmp;

  private final String db = ShellTestServer.freshDb();

  private ScriptRun run(String... args) {
    return ScriptRun.of(db, "hosts", "", args);
  }

  @Test
  void everyStatementOfTheDialectRunsAgainstTheServer() {
    ScriptRun run =
        run(
            "-e",
            """
            insert into cpu ts = 1704067200000 dim (model = 'Xeon') tags (host = web1) val = 0.64;
            insert into cpu ts = 1704067260000 tags (host = web2) val = 2.5;
            insert into mem ts = 1704067200000 val = 12;
            select * from cpu;
            select host, count(*), avg(value) from cpu group by host;
            show namespaces;
            show metrics;
            describe cpu;
            drop metric cpu;
            show metrics;
            """);

    assertEquals(0, run.exit(), run.err());
    assertEquals(
        """
        1 point written
        1 point written
        1 point written
        timestamp                 value  host  model
        ------------------------  -----  ----  -----
        2024-01-01T00:00:00.000Z   0.64  web1  Xeon
        2024-01-01T00:01:00.000Z    2.5  web2
        (2 rows)
        host  count(*)  avg(value)
        ----  --------  ----------
        web1         1        0.64
        web2         1         2.5
        (2 rows)
        namespace
        ---------
        hosts
        (1 row)
        metric
        ------
        cpu
        mem
        (2 rows)
        column     type     kind
        ---------  -------  ---------
        timestamp  BIGINT   timestamp
        value      DECIMAL  value
        host       VARCHAR  tag
        model      VARCHAR  dimension
        shard interval 1d, retention forever
        dropped metric %s.hosts.cpu
        metric
        ------
        mem
        (1 row)
        """
            .formatted(db),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void showDatabasesListsTheDatabaseWrittenTo() {
    ShellTestServer.get().write(db, "hosts", "cpu value=1 1000");

    ScriptRun run = run("--format", "csv", "-e", "show databases;");

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("database\n"), run.out());
    assertTrue(run.out().contains("\n" + db + "\n"), run.out());
  }

  @Test
  void insertWithoutTimestampIsStampedWhenItRuns() {
    long before = System.currentTimeMillis();

    ScriptRun run =
        run(
            "-e",
            "insert into cpu dim (host = 'web 1') val = 1;"
                + " insert into cpu dim (cores = 8) val = 2;");

    long after = System.currentTimeMillis();
    assertEquals(0, run.exit(), run.err());
    JsonNode rows = ShellTestServer.get().query(db, "hosts", "select * from cpu order by value");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("web 1", rows.get(0).path("dimensions").path("host").asText());
    assertEquals(8, rows.get(1).path("dimensions").path("cores").asLong());
    for (JsonNode row : rows) {
      long timestamp = row.path("timestamp").asLong();
      assertTrue(timestamp >= before - 1000 && timestamp <= after + 1000, row.toString());
    }
  }

  @Test
  void useSwitchesTheNamespaceAndTheDatabase() {
    ShellTestServer.get().write(db, "hosts", "cpu value=1 1000");

    ScriptRun run =
        run(
            "-e",
            """
            use other;
            insert into mem ts = 1 val = 1;
            show metrics;
            use %s.hosts;
            show metrics;
            """
                .formatted(db));

    assertEquals(0, run.exit(), run.err());
    assertEquals(
        """
        using %1$s.other
        1 point written
        metric
        ------
        mem
        (1 row)
        using %1$s.hosts
        metric
        ------
        cpu
        (1 row)
        """
            .formatted(db),
        run.out());
  }

  @Test
  void csvAndJsonFormatsWriteOnlyDataToStandardOutput() {
    ShellTestServer.get()
        .write(db, "hosts", "cpu,host=a value=1.5 1704067200000\ncpu,host=b\\,c value=2 1000");

    ScriptRun csv = run("--format", "csv", "-e", "select * from cpu;");
    ScriptRun json = run("--format", "json", "-e", "select * from cpu;");
    ScriptRun epoch = run("--format", "csv", "--epoch", "-e", "select * from cpu;");

    assertEquals(
        """
        timestamp,value,host
        1970-01-01T00:00:01.000Z,2.0,"b,c"
        2024-01-01T00:00:00.000Z,1.5,a
        """,
        csv.out());
    assertEquals("(2 rows)\n", csv.err());
    assertEquals(
        """
        {"timestamp":1000,"value":2.0,"host":"b,c"}
        {"timestamp":1704067200000,"value":1.5,"host":"a"}
        """,
        json.out());
    assertEquals(
        """
        timestamp,value,host
        1000,2.0,"b,c"
        1704067200000,1.5,a
        """,
        epoch.out());
  }

  @Test
  void backslashCommandsChangeFormatTimestampsAndTiming() {
    ShellTestServer.get().write(db, "hosts", "cpu value=1 1000");

    ScriptRun run =
        run(
            "-e",
            """
            \\timestamps epoch
            \\timing on
            select * from cpu;
            \\format json
            \\timing off
            select * from cpu;
            """);

    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.out()
            .matches(
                """
                timestamps epoch
                timing on
                timestamp  value
                ---------  -----
                     1000    1.0
                \\(1 row\\)
                Time: \\d+\\.\\d{3} ms
                \\{"timestamp":1000,"value":1.0\\}
                """),
        run.out());
    assertEquals("format json\ntiming off\n(1 row)\n", run.err());
  }

  @Test
  void helpListsStatementsAndCommands() {
    ScriptRun run = run("-e", "\\help");

    assertEquals(0, run.exit());
    for (String expected :
        new String[] {"SUBSCRIBE SELECT", "\\format table|csv|json", "\\import", "DESCRIBE"}) {
      assertTrue(run.out().contains(expected), expected + " in " + run.out());
    }
  }

  @Test
  void parseErrorIsShownWithACaretUnderItsColumnWithoutCallingTheServer() {
    ScriptRun run =
        ScriptRun.raw("", "--port", "1", "-e", "select *\nfrom cpu\nwhere host >> 'a';");

    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertEquals(
        """
        where host >> 'a'
                    ^
        error SYNTAX_ERROR at line 3:13: mismatched input '>'. Expecting: 'NOW', '-', <decimal>, \
        <integer>, <identifier>, <string>
        (in -e, the statement from line 1)
        """,
        run.err());
  }

  @Test
  void serverErrorIsShownWithItsCodeAndACaretWhenItNamesAPlace() {
    ShellTestServer.get().write(db, "hosts", "cpu,host=a value=1 1000");

    ScriptRun unknownColumn = run("-e", "select host,\n  nme from cpu;");
    ScriptRun unknownDatabase = ScriptRun.of("nosuchdb", "x", "", "-e", "show namespaces;");

    assertEquals(1, unknownColumn.exit());
    assertEquals(
        """
          nme from cpu
          ^
        error UNKNOWN_COLUMN at line 2:3: unknown column [metric=%s.hosts.cpu, column=nme, \
        columns=host]
        (in -e, the statement from line 1)
        """
            .formatted(db),
        unknownColumn.err());
    assertEquals(
        """
        error UNKNOWN_DATABASE: database does not exist [db=nosuchdb]
        (in -e, the statement from line 1)
        """,
        unknownDatabase.err());
  }

  @Test
  void deleteRunsOnTheServerAndPrintsHowManyPointsWent() {
    ShellTestServer.get()
        .write(
            db,
            "hosts",
            "cpu,host=a value=1 1000\ncpu,host=b value=2 2000\ncpu,host=a value=3 3000");

    ScriptRun deleted =
        run(
            "-e",
            """
            delete from cpu where host = 'a';
            delete from cpu where host = 'a';
            delete from cpu where timestamp = 2000;
            """);

    assertEquals(0, deleted.exit(), deleted.err());
    assertEquals(
        """
        2 points deleted
        0 points deleted
        1 point deleted
        """,
        deleted.out());
    assertEquals("", deleted.err());
    assertEquals(0, ShellTestServer.get().query(db, "hosts", "select * from cpu").size());
  }

  @Test
  void aFailingDeleteShowsTheServersErrorWithItsCaretAndDeletesNothing() {
    ShellTestServer.get().write(db, "hosts", "cpu,host=a value=1 1000\ncpu,host=b value=2 2000");

    ScriptRun badColumn = run("-e", "delete from cpu\n  where hots = 'a';");
    ScriptRun unknownMetric = run("-e", "delete from mem where host = 'a';");
    ScriptRun noWhere = run("-e", "delete from cpu;");

    assertEquals(1, badColumn.exit());
    assertEquals(
        """
          where hots = 'a'
                ^
        error UNKNOWN_COLUMN at line 2:9: unknown column [metric=%s.hosts.cpu, column=hots, \
        columns=host]
        (in -e, the statement from line 1)
        """
            .formatted(db),
        badColumn.err());
    assertEquals(
        """
        error UNKNOWN_METRIC: metric does not exist [metric=%s.hosts.mem]
        (in -e, the statement from line 1)
        """
            .formatted(db),
        unknownMetric.err());
    assertEquals(1, noWhere.exit());
    assertTrue(noWhere.err().contains("error SYNTAX_ERROR at line 1:16:"), noWhere.err());
    assertEquals(2, ShellTestServer.get().query(db, "hosts", "select * from cpu").size());
  }

  @Test
  void scriptStopsAtTheFirstFailureWithStatusOne() {
    ScriptRun run =
        run("-e", "insert into cpu ts = 1 val = 1;\nselect * form cpu;\nshow namespaces;");

    assertEquals(1, run.exit());
    assertEquals("1 point written\n", run.out(), "the third statement did not run");
    assertTrue(run.err().contains("error SYNTAX_ERROR at line 1:10"), run.err());
    assertTrue(run.err().contains("(in -e, the statement from line 2)"), run.err());
  }

  @Test
  void continueRunsPastFailuresAndStillExitsWithOne() {
    ScriptRun run = run("--continue", "-e", "select * form cpu;\ninsert into cpu ts = 1 val = 1;");

    assertEquals(1, run.exit());
    assertEquals("1 point written\n", run.out());
  }

  @Test
  void successfulScriptExitsWithZero() {
    assertEquals(0, run("-e", "insert into cpu ts = 1 val = 1;").exit());
  }

  @Test
  void statementsComeFromAFileOrFromStandardInput() throws Exception {
    Path file = tmp.resolve("load.sql");
    Files.writeString(
        file,
        """
        -- a comment, then a statement over two lines
        insert into cpu ts = 1000
          val = 1;

        select count(*)
          from cpu
        """);

    ScriptRun fromFile = run("-f", file.toString());
    ScriptRun fromStdin =
        ScriptRun.of(db, "hosts", "select count(*) from cpu;\nselect * from nope;\n");

    assertEquals(0, fromFile.exit(), fromFile.err());
    assertEquals("1 point written\ncount(*)\n--------\n       1\n(1 row)\n", fromFile.out());
    assertEquals(1, fromStdin.exit());
    assertEquals("count(*)\n--------\n       1\n(1 row)\n", fromStdin.out());
    assertEquals(
        """
        select * from nope
                      ^
        error UNKNOWN_METRIC at line 1:15: metric does not exist [metric=%s.hosts.nope]
        (in stdin, the statement from line 2)
        """
            .formatted(db),
        fromStdin.err());
  }

  @Test
  void badCommandLineOrMissingFileExitsWithTwo() {
    ScriptRun unknown = ScriptRun.raw("", "--colour");
    ScriptRun missing = run("-f", tmp.resolve("missing.sql").toString());

    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("nsdb shell: unknown option '--colour'\nUsage:"));
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("nsdb shell: cannot read "), missing.err());
  }

  @Test
  void unreachableServerFailsTheStatementWithItsCode() {
    ScriptRun run = ScriptRun.raw("", "--host", "127.0.0.1", "--port", "1", "-e", "show metrics;");

    assertEquals(1, run.exit());
    assertTrue(
        run.err().startsWith("error UNREACHABLE: cannot reach the server [url=http://127.0.0.1:1"),
        run.err());
  }

  @Test
  void unknownCommandFails() {
    ScriptRun run = run("-e", "\\frobnicate");

    assertEquals(1, run.exit());
    assertTrue(run.err().contains("error INVALID_COMMAND: unknown command"), run.err());
  }

  @Test
  void subscribeThatTheServerRefusesShowsItsErrorWithTheCaret() {
    ScriptRun unknownMetric = run("-e", "SUBSCRIBE select * from nope;");
    ScriptRun notASelect = run("-e", "subscribe show metrics;");

    assertEquals(1, unknownMetric.exit());
    assertEquals(
        """
        SUBSCRIBE select * from nope
                                ^
        error UNKNOWN_METRIC at line 1:25: metric does not exist [metric=%s.hosts.nope]
        (in -e, the statement from line 1)
        """
            .formatted(db),
        unknownMetric.err());
    assertEquals(
        """
        subscribe show metrics
                  ^
        error NOT_A_SELECT at line 1:11: SUBSCRIBE takes a SELECT
        (in -e, the statement from line 1)
        """,
        notASelect.err());
  }
}
