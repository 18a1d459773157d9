package io.nsdb.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server options every harness takes ({@link #USAGE}): which server to measure, started here or
 * already running, and how to start it. A harness's command line is read by {@link #parse}, which
 * takes these and hands every other option to the harness.
 */
public record ServerOptions(
    String sync,
    String classpath,
    List<String> jvmOptions,
    Duration startTimeout,
    URI url,
    long pid,
    Path dataDir,
    boolean keep) {

  /** The usage lines of these options, indented as in the harnesses' usage texts. */
  public static final String USAGE =
      """
      Server:
        --sync always|interval|none
                             commit log sync policy (NSDB_COMMIT_LOG_SYNC; default: the server's)
        --server-cp CP       classpath of the server (default
                             nsdb-cluster/target/nsdb-cluster-0.1.0-SNAPSHOT.jar:nsdb-cluster/target/lib/*)
        --server-opts "..."  the server's JVM options, space separated (default "-Xmx4g")
        --start-timeout S    seconds to wait for GET /status (default 120)
        --url URL --pid PID  use this running server instead (never stopped); --data-dir DIR
                             names its data directory for the disk figure
        --keep               keep the temporary directory (data and server.log)
      """;

  /** A command line read: the server options, and the others in order, each with its value. */
  public record Parsed(ServerOptions server, List<Map.Entry<String, String>> others) {}

  /**
   * Reads {@code args}: every option takes one value but {@code --keep}; the server options are
   * taken here, the others left for the harness in {@link Parsed#others}. Throws
   * IllegalArgumentException for a missing value, a bad {@code --sync} or {@code --url} without
   * {@code --pid}.
   */
  public static Parsed parse(String[] args) {
    List<Map.Entry<String, String>> others = new ArrayList<>();
    String sync = null;
    String classpath =
        "nsdb-cluster/target/nsdb-cluster-0.1.0-SNAPSHOT.jar:nsdb-cluster/target/lib/*";
    List<String> jvmOptions = List.of("-Xmx4g");
    Duration startTimeout = Duration.ofSeconds(120);
    URI url = null;
    long pid = -1;
    Path dataDir = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--keep")) {
        keep = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value [option=" + option + "]");
      }
      String value = args[++i];
      switch (option) {
        case "--sync" -> sync = oneOf(option, value, "always", "interval", "none");
        case "--server-cp" -> classpath = value;
        case "--server-opts" ->
            jvmOptions =
                Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        case "--start-timeout" -> startTimeout = Duration.ofSeconds(Long.parseLong(value));
        case "--url" -> url = URI.create(value);
        case "--pid" -> pid = Long.parseLong(value);
        case "--data-dir" -> dataDir = Path.of(value);
        default -> others.add(Map.entry(option, value));
      }
    }
    if ((url == null) != (pid < 0)) {
      throw new IllegalArgumentException("--url and --pid go together");
    }
    return new Parsed(
        new ServerOptions(sync, classpath, jvmOptions, startTimeout, url, pid, dataDir, keep),
        List.copyOf(others));
  }

  /** The error for an option no one takes. */
  public static IllegalArgumentException unknown(String option) {
    return new IllegalArgumentException("unknown option [option=" + option + "]");
  }

  /** {@code value} when it is one of {@code allowed}, else IllegalArgumentException. */
  public static String oneOf(String option, String value, String... allowed) {
    if (!Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          "bad value [option="
              + option
              + ", value="
              + value
              + ", allowed="
              + String.join("|", allowed)
              + "]");
    }
    return value;
  }

  /** The running server named by {@code --url}, or a new one with its data and log in work. */
  public ServerProcess startOrAttach(Path work, PrintStream out)
      throws IOException, InterruptedException {
    if (url != null) {
      return ServerProcess.attach(url, pid, Optional.ofNullable(dataDir));
    }
    out.printf("starting the server (data and log in %s)...%n", work);
    return ServerProcess.start(classpath, jvmOptions, sync, work, startTimeout);
  }
}
