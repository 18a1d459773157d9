package io.nsdb.cluster.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell run as a script, the way {@code ./nsdb shell} runs without a terminal: arguments,
 * standard input, and what it printed on standard output and standard error, with its exit status.
 */
record ScriptRun(int exit, String out, String err) {

  /** Runs the shell against the test server in {@code db}.{@code ns} with {@code args} added. */
  static ScriptRun of(String db, String ns, String stdin, String... args) {
    List<String> all = new ArrayList<>(connection(db, ns));
    all.addAll(List.of(args));
    return raw(stdin, all.toArray(String[]::new));
  }

  /** Runs the shell with exactly {@code args}. */
  static ScriptRun raw(String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit =
        ShellMain.run(
            args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
    return new ScriptRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> connection(String db, String ns) {
    return List.of(
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(ShellTestServer.get().port()),
        "--database",
        db,
        "--namespace",
        ns);
  }
}
