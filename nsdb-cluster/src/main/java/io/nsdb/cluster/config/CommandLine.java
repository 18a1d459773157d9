package io.nsdb.cluster.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's command-line options. Each one overrides a configuration key (and wins over the
 * file, the environment and system properties): {@code --bind} is {@code nsdb.http.interface},
 * {@code --http-port} is {@code nsdb.http.port}, {@code --data-dir} is {@code
 * nsdb.storage.data-dir}; {@code --config} names the configuration file.
 */
public record CommandLine(
    Map<String, String> overrides, Optional<Path> configFile, boolean help, boolean version) {

  public static final String USAGE =
      """
      Usage: nsdb start [options]
        --bind ADDRESS     interface to listen on (nsdb.http.interface, NSDB_HTTP_INTERFACE)
        --http-port PORT   HTTP and WebSocket port (nsdb.http.port, NSDB_HTTP_PORT)
        --data-dir DIR     where data is stored (nsdb.storage.data-dir, NSDB_DATA_DIR)
        --config FILE      configuration file (default: conf/nsdb.conf via ./nsdb, else built-in)
        --version          print the version and exit
        --help             print this and exit
      """;

  /** Thrown for an option that is unknown or lacks its value; the message says which. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static CommandLine parse(String... args) {
    Map<String, String> overrides = new LinkedHashMap<>();
    Optional<Path> configFile = Optional.empty();
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        option = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (option) {
        case "--help", "-h" -> help = true;
        case "--version" -> version = true;
        case "--bind", "--http-port", "--data-dir", "--config" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new UsageException("option " + option + " needs a value");
            }
            value = args[++i];
          }
          switch (option) {
            case "--bind" -> overrides.put("nsdb.http.interface", value);
            case "--http-port" -> overrides.put("nsdb.http.port", value);
            case "--data-dir" -> overrides.put("nsdb.storage.data-dir", value);
            default -> configFile = Optional.of(Path.of(value));
          }
        }
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    return new CommandLine(Map.copyOf(overrides), configFile, help, version);
  }
}
