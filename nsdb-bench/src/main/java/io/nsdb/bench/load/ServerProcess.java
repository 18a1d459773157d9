package io.nsdb.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server under test: either a child JVM started here on a free loopback port with a fresh data
 * directory (stopped with SIGTERM on close), or one already running that is only looked at.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final URI url;
  private final long pid;
  private final Optional<Path> dataDir;
  private final Process child; // null when the server is not ours to stop
  private final Path log;

  private ServerProcess(URI url, long pid, Optional<Path> dataDir, Process child, Path log) {
    this.url = url;
    this.pid = pid;
    this.dataDir = dataDir;
    this.child = child;
    this.log = log;
  }

  /** A running server, not ours: it is measured but never stopped. */
  static ServerProcess attach(URI url, long pid, Optional<Path> dataDir) {
    return new ServerProcess(url, pid, dataDir, null, null);
  }

  /**
   * Starts {@code io.nsdb.cluster.NsdbMain} with the classpath and JVM options given, data in
   * {@code workDir/data}, output in {@code workDir/server.log}; returns once {@code GET /status}
   * answers 200.
   *
   * @param sync the commit log's sync policy ({@code NSDB_COMMIT_LOG_SYNC}), or null for the
   *     server's default
   */
  static ServerProcess start(
      String classpath, List<String> jvmOptions, String sync, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    Path dataDir = Files.createDirectories(workDir.resolve("data"));
    Path log = workDir.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            "io.nsdb.cluster.NsdbMain",
            "--bind",
            "127.0.0.1",
            "--http-port",
            Integer.toString(port),
            "--data-dir",
            dataDir.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (sync != null) {
      builder.environment().put("NSDB_COMMIT_LOG_SYNC", sync);
    }
    Process child = builder.start();
    ServerProcess server =
        new ServerProcess(
            URI.create("http://127.0.0.1:" + port), child.pid(), Optional.of(dataDir), child, log);
    try {
      server.awaitStatus(timeout);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public URI url() {
    return url;
  }

  public long pid() {
    return pid;
  }

  Optional<Path> dataDir() {
    return dataDir;
  }

  /** The end of the server's output, to explain a failure. */
  public String logTail() {
    if (log == null) {
      return "(not started here: no log)";
    }
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void awaitStatus(Duration timeout) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest status =
        HttpRequest.newBuilder(url.resolve("/status")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!child.isAlive()) {
        throw new IOException(
            "server exited before answering /status [exit="
                + child.exitValue()
                + "]\n"
                + logTail());
      }
      try {
        if (client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "server did not answer /status in time [timeout=" + timeout + "]\n" + logTail());
      }
      Thread.sleep(100);
    }
  }

  /** Stops a server started here: SIGTERM, then SIGKILL if it has not gone within a minute. */
  @Override
  public void close() {
    if (child == null || !child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        System.err.println("server ignored SIGTERM for " + STOP_TIMEOUT + ": killing it");
        child.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The exit code of a server started here once it has stopped, else empty. */
  Optional<Integer> exitCode() {
    return child == null || child.isAlive() ? Optional.empty() : Optional.of(child.exitValue());
  }

  private static int freeLoopbackPort() {
    // Another process may take the port between here and the server's bind; then the start fails
    // loudly, which is rare enough on a loopback port for a benchmark.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
