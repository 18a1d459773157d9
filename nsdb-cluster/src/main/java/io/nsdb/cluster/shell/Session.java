package io.nsdb.cluster.shell;

import java.util.Objects;

/**
 * What a shell session remembers between statements: the current database and namespace (set by
 * {@code USE}), the output format, whether to time statements and how to show timestamps.
 */
final class Session {

  /** How results are written. */
  enum Format {
    /** Aligned columns with a header, for people. */
    TABLE,
    /** RFC 4180 with a header row, for spreadsheets and scripts. */
    CSV,
    /** One JSON object per row (newline-delimited), for programs; timestamps stay epoch ms. */
    JSON
  }

  private String database;
  private String namespace;
  private Format format;
  private boolean timing;
  private boolean epoch;

  Session(String database, String namespace, Format format, boolean epoch) {
    this.database = Objects.requireNonNull(database, "database");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.format = Objects.requireNonNull(format, "format");
    this.epoch = epoch;
  }

  String database() {
    return database;
  }

  String namespace() {
    return namespace;
  }

  void use(String database, String namespace) {
    this.database = database;
    this.namespace = namespace;
  }

  Format format() {
    return format;
  }

  void format(Format format) {
    this.format = Objects.requireNonNull(format, "format");
  }

  boolean timing() {
    return timing;
  }

  void timing(boolean timing) {
    this.timing = timing;
  }

  /** Whether timestamps are shown as epoch milliseconds rather than ISO-8601 UTC. */
  boolean epoch() {
    return epoch;
  }

  void epoch(boolean epoch) {
    this.epoch = epoch;
  }

  /** {@code demo.hosts> }. */
  String prompt() {
    return database + "." + namespace + "> ";
  }
}
