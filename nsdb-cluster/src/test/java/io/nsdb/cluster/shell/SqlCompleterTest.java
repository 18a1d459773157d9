package io.nsdb.cluster.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Tab offers where, with metric and column names read from a real server. */
class SqlCompleterTest {

  private final String db = ShellTestServer.freshDb();
  private SqlCompleter completer;

  @BeforeEach
  void metricsOnTheServer() {
    ShellTestServer server = ShellTestServer.get();
    server.write(
        db, "hosts", "cpu,host=web1 value=1,model=\"x\" 1000\ndisk,mount=root value=2 1000");
    server.write(db, "other", "mem value=1 1000");
    ServerClient client = new ServerClient("127.0.0.1", server.port(), CancelSignal.ignoringIdle());
    Session session = new Session(db, "hosts", Session.Format.TABLE, false);
    completer = new SqlCompleter(new Catalog(client), session);
  }

  /** The offers for the word before the end of {@code typed} that start with it, as JLine keeps. */
  private List<String> complete(String typed) {
    String word =
        ShellLineParser.completionLine(typed, typed.length()).word().toLowerCase(Locale.ROOT);
    return completer.offers(typed, typed.length()).stream()
        .map(SqlCompleter.Offer::value)
        .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(word))
        .toList();
  }

  @Test
  void statementKeywordsAtTheStartInTheCaseTyped() {
    assertEquals(List.of("SELECT", "SHOW", "SUBSCRIBE"), complete("S"));
    assertEquals(List.of("select", "show", "subscribe"), complete("s"));
    assertEquals(List.of("DATABASES"), complete("SHOW D"));
    assertEquals(List.of("namespaces"), complete("show n"));
  }

  @Test
  void metricNamesWhereAMetricIsNamed() {
    assertEquals(List.of("cpu", "disk"), complete("select * from "));
    assertEquals(List.of("cpu"), complete("describe c"));
    assertEquals(List.of("disk"), complete("drop metric d"));
    assertEquals(List.of("cpu"), complete("insert into c"));
    assertEquals(List.of("cpu"), complete("select * from disk; delete from c"));
  }

  @Test
  void columnsOfTheStatementsMetricAndTheKeywordsThatMayFollow() {
    assertEquals(List.of("host"), complete("select * from cpu where h"));
    assertEquals(List.of("min", "max"), complete("select m"), "before FROM: functions");
    assertEquals(List.of("mount"), complete("select count(*) from disk group by m"));
    assertTrue(complete("select * from cpu where host = 'a' ").contains("group"));
    assertEquals(List.of("TAGS", "timestamp", "TS"), sortLike(complete("insert into cpu T")));
  }

  @Test
  void columnsOfAMetricNamedAfterTheCursor() {
    String buffer = "select ho from cpu";
    List<String> offers =
        completer.offers(buffer, "select ho".length()).stream()
            .map(SqlCompleter.Offer::value)
            .filter(v -> v.startsWith("ho"))
            .toList();

    assertEquals(List.of("host"), offers);
  }

  @Test
  void namespacesAndDatabasesAfterUse() {
    assertEquals(List.of("hosts"), complete("use h"));
    assertEquals(List.of(db + ".hosts", db + ".other"), complete("use " + db + "."));
    assertTrue(complete("use ").contains(db + "."), complete("use ").toString());
  }

  @Test
  void commandsAndTheirArguments() {
    assertEquals(List.of("\\format"), complete("\\fo"));
    assertEquals(List.of("csv"), complete("\\format c"));
    assertEquals(List.of("epoch"), complete("\\timestamps e"));
    assertEquals(List.of("cpu"), complete("\\watch select * from c"));
  }

  @Test
  void anUnreachableServerOffersOnlyKeywords() {
    ServerClient nowhere = new ServerClient("127.0.0.1", 1, CancelSignal.ignoringIdle());
    SqlCompleter offline =
        new SqlCompleter(
            new Catalog(nowhere), new Session(db, "hosts", Session.Format.TABLE, false));

    assertEquals(List.of(), offline.offers("select * from ", 14));
    assertEquals(
        "SELECT",
        offline.offers("SEL", 3).stream().map(SqlCompleter.Offer::value).findFirst().get());
  }

  private static List<String> sortLike(List<String> values) {
    return values.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
  }
}
