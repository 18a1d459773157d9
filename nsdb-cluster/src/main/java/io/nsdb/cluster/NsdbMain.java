package io.nsdb.cluster;

import com.typesafe.config.ConfigException;
import io.nsdb.cluster.config.CommandLine;
import io.nsdb.cluster.config.NodeConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts a single NSDb node: {@code ./nsdb start [--bind A] [--http-port P] [--data-dir D]}. A
 * start that cannot succeed (bad option or configuration, data directory not writable, port in use)
 * ends with one line saying why and a non-zero status, not a stack trace.
 */
public final class NsdbMain {

  private NsdbMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("nsdb: " + e.getMessage());
      err.print(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (commandLine.help()) {
      out.print(CommandLine.USAGE);
      return;
    }
    if (commandLine.version()) {
      out.println("NSDb for the JVM " + version());
      return;
    }
    NodeConfig config;
    try {
      config = NodeConfig.load(commandLine);
    } catch (ConfigException e) {
      err.println("nsdb: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Node node = Node.start(config, version());
      out.println(node.describe());
      node.awaitTermination();
    } catch (Node.StartException e) {
      err.println("nsdb: " + e.getMessage());
      System.exit(1);
    }
  }

  static String version() {
    String version = NsdbMain.class.getPackage().getImplementationVersion();
    return version != null ? version : "development build";
  }
}
