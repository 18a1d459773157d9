package io.nsdb.sql.tree;

import java.util.Objects;

/** {@code SHOW DATABASES | NAMESPACES | METRICS}. */
public record Show(Target target) implements Statement {

  /** What is listed. */
  public enum Target {
    DATABASES,
    NAMESPACES,
    METRICS
  }

  public Show {
    Objects.requireNonNull(target, "target");
  }
}
