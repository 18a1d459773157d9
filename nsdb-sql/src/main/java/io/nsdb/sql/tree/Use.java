package io.nsdb.sql.tree;

import java.util.Objects;
import java.util.Optional;

/** {@code USE namespace} or {@code USE db.namespace}: the shell's current namespace. */
public record Use(Optional<Identifier> database, Identifier namespace) implements Statement {

  public Use {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(namespace, "namespace");
  }
}
