package io.nsdb.cluster.shell;

/** What {@code \help} prints: the statements, the shell's commands, and the keys. */
final class HelpText {

  private HelpText() {}

  static final String TEXT =
      """
      Statements end with ';' and may span lines (docs/sql.md has the dialect):
        SELECT ... FROM metric [WHERE ...] [GROUP BY ...] [ORDER BY ...] [LIMIT n]
        INSERT INTO metric [TS = ms] [DIM (k = v, ...)] [TAGS (k = v, ...)] VAL = n
        DELETE FROM metric WHERE ...
        DROP METRIC metric
        SHOW DATABASES | NAMESPACES | METRICS
        DESCRIBE metric
        USE namespace | USE db.namespace
        SUBSCRIBE SELECT ...              history, then live rows until Ctrl-C
      Commands (one line, no ';'):
        \\help                     this text
        \\format table|csv|json    how results are written
        \\timing [on|off]          show how long each statement took
        \\timestamps iso|epoch     timestamps as ISO-8601 UTC or epoch milliseconds
        \\watch SELECT ...         the same as SUBSCRIBE
        \\import [--format lp|csv] [--precision ns|us|ms|s] [--metric NAME] [--batch N] FILE
                                  load line protocol or CSV (docs/shell.md has the columns)
        \\quit                     leave (so does Ctrl-D)
      Keys: Tab completes keywords, metrics and columns; Ctrl-C cancels the running statement
      (or the line being typed); Ctrl-D on an empty line leaves; Up/Down and Ctrl-R search history.
      """;
}
