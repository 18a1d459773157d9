package io.nsdb.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every harness's {@code main} does around its measurement: the usage text on {@code --help},
 * exit status 2 on bad arguments, 0 or 1 after the run; and a server that is started in a fresh
 * temporary directory, stopped (and the directory deleted) however the run ends, Ctrl-C included.
 */
public final class HarnessRun {

  /** Standard output in UTF-8, flushed per line. */
  public static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  /** One run of a harness: true when everything it checked was right. */
  @FunctionalInterface
  public interface Run<O> {
    boolean run(O options) throws Exception;
  }

  /** What a harness does with its server. */
  @FunctionalInterface
  public interface WithServer {
    void run(ServerProcess server) throws Exception;
  }

  private HarnessRun() {}

  /**
   * Prints {@code usage} for {@code --help} or {@code -h}; else parses the arguments (an
   * IllegalArgumentException is a bad argument: its message and the usage, exit 2), runs, and exits
   * 0 when the run says so, else 1.
   */
  public static <O> void main(
      String name, String usage, String[] args, Function<String[], O> parse, Run<O> run)
      throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      OUT.print(usage);
      return;
    }
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage() + "\n");
      System.err.print(usage);
      System.exit(2);
      return;
    }
    System.exit(run.run(options) ? 0 : 1);
  }

  /** Puts in a result document when and how the run was made, and on what. */
  public static void stamp(ObjectNode root, List<String> args) {
    root.put("started", Instant.now().toString());
    root.put("command", String.join(" ", args));
    root.put("nproc", Runtime.getRuntime().availableProcessors());
    root.put("java", Runtime.version().toString());
  }

  /**
   * Starts (or attaches to) the server of {@code server} with a new temporary directory {@code
   * prefix…}, notes its url, pid and sync policy in {@code root}, runs {@code body}, then stops the
   * server and deletes the directory unless {@code --keep}; on failure the end of the server's log
   * is printed first, since it is about to go.
   */
  public static void withServer(
      String prefix, ServerOptions server, ObjectNode root, WithServer body) throws Exception {
    Path work = Files.createTempDirectory(prefix);
    ServerProcess process;
    try {
      process = server.startOrAttach(work, OUT);
    } catch (IOException | RuntimeException e) {
      if (!server.keep()) {
        deleteTree(work);
      }
      throw e;
    }
    // Ctrl-C during a run must not leave a server behind.
    Thread cleanup =
        Thread.ofPlatform()
            .name("harness-cleanup")
            .unstarted(() -> stopAndClean(process, work, server.keep()));
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      OUT.printf("server pid %d at %s%n", process.pid(), process.url());
      root.put("url", process.url().toString()).put("pid", process.pid());
      root.put("sync", server.sync() == null ? "server default" : server.sync());
      body.run(process);
    } catch (Exception e) {
      System.err.println("run failed; the end of the server's output:\n" + process.logTail());
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already stopping the server.
      }
      stopAndClean(process, work, server.keep());
    }
  }

  private static void stopAndClean(ServerProcess server, Path work, boolean keep) {
    server.close();
    if (keep) {
      OUT.printf("kept %s%n", work);
    } else {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(HarnessRun::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.println("could not delete " + path + ": " + e);
    }
  }
}
