package io.nsdb.cluster.shell;

import static io.nsdb.cluster.shell.TerminalDriver.CTRL_C;
import static io.nsdb.cluster.shell.TerminalDriver.CTRL_D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell, driven key by key through a JLine terminal, against a real server. */
class ShellTerminalTest {

  /** Ctrl-P: the previous history entry (Emacs keys, JLine's default). */
  private static final String PREVIOUS = "\u0010";

  @TempDir Path tmp;

  private final String db = ShellTestServer.freshDb();

  private TerminalDriver start() {
    return TerminalDriver.start(db, "hosts", tmp.resolve("history"));
  }

  @Test
  void promptNamesTheNamespaceAndAStatementMaySpanLines() {
    ShellTestServer.get().write(db, "hosts", "cpu,host=web1 value=0.5 1704067200000");
    try (TerminalDriver shell = start()) {
      shell.await("Ctrl-D to leave.");
      shell.await(db + ".hosts> ");

      shell.type("select host,\n");
      shell.await("-> ");
      shell.type("  value from cpu;\n");

      assertTrue(
          shell
              .await("(1 row)")
              .endsWith(
                  """
                  timestamp                 value  host
                  ------------------------  -----  ----
                  2024-01-01T00:00:00.000Z    0.5  web1
                  (1 row)"""),
          shell.screen());
      shell.type("use other;\n");
      shell.await("using " + db + ".other");
      shell.await(db + ".other> ");
    }
  }

  @Test
  void ctrlCDropsTheLineCtrlDLeavesAndHistoryOutlivesTheSession() throws IOException {
    try (TerminalDriver shell = start()) {
      shell.await(db + ".hosts> ");
      shell.type("select * fr");
      shell.await("select * fr");
      shell.type(CTRL_C);
      shell.await(db + ".hosts> ");
      shell.type("insert into cpu ts = 1\n");
      shell.await("-> ");
      shell.type("  val = 1;\n");
      shell.await("1 point written");
      shell.await(db + ".hosts> ");
      shell.type(CTRL_D);

      assertEquals(0, shell.awaitExit());
    }
    String history = Files.readString(tmp.resolve("history"));
    assertTrue(history.contains("insert into cpu ts = 1"), history);
    assertFalse(history.contains("select * fr"), history);

    try (TerminalDriver again = start()) {
      again.await(db + ".hosts> ");
      again.type(PREVIOUS);
      again.await("  val = 1;");
      again.type("\n");
      again.await("1 point written");
    }
  }

  @Test
  void tabCompletesMetricNamesAndColumnsFromTheServer() {
    ShellTestServer.get().write(db, "hosts", "cpu_load,host=web1,region=eu value=1 1000");
    try (TerminalDriver shell = start()) {
      shell.await(db + ".hosts> ");
      shell.type("describe cpu_l\t");
      shell.await("describe cpu_load");
      shell.type(";\n");
      shell.await("region     VARCHAR  tag");

      shell.type("select * from cpu_load where reg\t");
      shell.await("where region");
      shell.type(" = eu;\n");
      shell.await("(1 row)");
    }
  }

  @Test
  void subscribePrintsTheHistoryThenLiveRowsUntilCtrlCUnsubscribes() {
    ShellTestServer server = ShellTestServer.get();
    server.write(db, "hosts", "cpu,host=web1 value=1 1704067200000");
    try (TerminalDriver shell = start()) {
      shell.await(db + ".hosts> ");
      shell.type("subscribe select * from cpu where host = 'web1';\n");

      String history = shell.await("(1 row of history; live rows follow, Ctrl-C stops)");
      assertTrue(
          history.endsWith(
              """
              timestamp                 value  host
              ------------------------  -----  ----
              2024-01-01T00:00:00.000Z    1.0  web1
              (1 row of history; live rows follow, Ctrl-C stops)"""),
          history);

      server.write(db, "hosts", "cpu,host=web2 value=7 1704067260000");
      server.write(db, "hosts", "cpu,host=web1 value=2 1704067320000");
      String live = shell.await("2024-01-01T00:02:00.000Z    2.0  web1");
      assertFalse(live.contains("web2"), live);

      shell.type(CTRL_C);
      shell.await("unsubscribed after 1 live row");
      shell.await(db + ".hosts> ");
      shell.type("select count(*) from cpu;\n");
      shell.await("       3");
    }
  }

  @Test
  void watchStreamsAnAggregateGroupAgainWhenAPointChangesIt() {
    ShellTestServer server = ShellTestServer.get();
    server.write(db, "hosts", "cpu,host=web1 value=1 1000\ncpu,host=web2 value=5 1000");
    try (TerminalDriver shell = start()) {
      shell.await(db + ".hosts> ");
      shell.type("\\watch select host, count(*), max(value) from cpu group by host\n");

      String history = shell.await("(2 rows of history; live rows follow, Ctrl-C stops)");
      assertTrue(
          history.endsWith(
              """
              host  count(*)  max(value)
              ----  --------  ----------
              web1         1         1.0
              web2         1         5.0
              (2 rows of history; live rows follow, Ctrl-C stops)"""),
          history);

      server.write(db, "hosts", "cpu,host=web1 value=9 2000");
      shell.await("web1         2         9.0");

      shell.type(CTRL_C);
      shell.await("unsubscribed after 1 live row");
    }
  }

  @Test
  void ctrlCCancelsTheRunningStatementAndTheShellGoesOn() throws Exception {
    try (SilentServer silent = new SilentServer();
        TerminalDriver shell =
            new TerminalDriverOn(silent.port()).start(db, "hosts", tmp.resolve("history"))) {
      shell.await(db + ".hosts> ");
      shell.type("show metrics;\n");
      assertTrue(silent.requestArrived.await(30, TimeUnit.SECONDS), "the request reached it");

      shell.type(CTRL_C);

      shell.await("error CANCELLED: cancelled with Ctrl-C");
      shell.await(db + ".hosts> ");
      shell.type("\\timing\n");
      shell.await("timing on");
    }
  }

  @Test
  void importShowsItsProgressInPlaceAndItsReport() throws IOException {
    Path file = tmp.resolve("points.lp");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add("mem,host=h" + i + " value=" + i + "i " + (1000 + i));
    }
    Files.write(file, lines);
    try (TerminalDriver shell = start()) {
      shell.await(db + ".hosts> ");
      shell.type("\\import --precision ms --batch 2 " + file + "\n");

      shell.await("[####################] 100%  5 points");
      shell.await("imported 5 points from points.lp in ");
      shell.await(", 0 lines rejected");
      shell.type("select count(*) from mem;\n");
      shell.await("       5");
    }
  }

  /** Starts the shell against another port than the test server's. */
  private record TerminalDriverOn(int port) {
    TerminalDriver start(String db, String ns, Path history) {
      return TerminalDriver.startOn(port, db, ns, history);
    }
  }

  /**
   * A server that takes requests and never answers them (but {@code GET /}, for the banner), to
   * catch the shell waiting.
   */
  private static final class SilentServer implements AutoCloseable {
    final CountDownLatch requestArrived = new CountDownLatch(1);
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "silent-server");

    SilentServer() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      try {
        while (true) {
          Socket client = socket.accept();
          synchronized (held) {
            held.add(client);
          }
          InputStream in = client.getInputStream();
          byte[] start = new byte[6];
          int read = in.readNBytes(start, 0, start.length);
          String method = new String(start, 0, read, StandardCharsets.US_ASCII);
          if (method.equals("GET / ")) {
            String body = "{\"name\":\"silent\",\"version\":\"0\"}";
            OutputStream out = client.getOutputStream();
            out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length()
                        + "\r\nConnection: close\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            client.close();
          } else {
            requestArrived.countDown();
          }
        }
      } catch (IOException e) {
        // closed: the test is over
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (held) {
        for (Socket client : held) {
          client.close();
        }
      }
    }
  }
}
