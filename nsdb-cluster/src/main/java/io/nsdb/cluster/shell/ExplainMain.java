package io.nsdb.cluster.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code ./nsdb explain}: the SQL shell in parse-and-explain mode, offline (no server needed):
 * every statement is checked and shown in canonical form and as a tree.
 */
public final class ExplainMain {

  private ExplainMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.println(
        "NSDb SQL, parse-and-explain mode: statements ending with ';' are checked and shown in"
            + " canonical form and as a tree; nothing is sent to a server. Ctrl-D exits.");
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int errors = new ExplainShell(in, out, System.console() != null).run();
    System.exit(errors == 0 ? 0 : 1);
  }
}
