package io.nsdb.cluster;

import io.nsdb.cluster.shell.ExplainShell;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Starts NSDb. Until the server lands (the HTTP issue), a start opens the SQL shell in
 * parse-and-explain mode and says so, rather than pretending to serve.
 */
public final class NsdbMain {

  static final String NOT_YET_A_SERVER =
      """
      NSDb for the JVM %s
      The server (HTTP API, /ws-stream, storage) is not built yet: nothing listens and nothing is \
      stored.
      Starting the SQL shell in parse-and-explain mode: type statements ending with ';' to see \
      them checked,
      in canonical form and as a tree. Ctrl-D exits.
      """;

  private NsdbMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.print(NOT_YET_A_SERVER.formatted(version()));
    out.flush();
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int errors = new ExplainShell(in, out, System.console() != null).run();
    System.exit(errors == 0 ? 0 : 1);
  }

  static String version() {
    String version = NsdbMain.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }
}
