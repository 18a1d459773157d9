package io.nsdb.cluster.shell;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.TimeUnitSyntax;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Literal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Draws a syntax tree as indented text, one node or property per line. It walks the records
 * generically, so a new node type shows up without touching this class; positions are left out.
 */
final class TreeRenderer {

  private static final String INDENT = "  ";

  private TreeRenderer() {}

  static String render(Record root) {
    StringBuilder out = new StringBuilder();
    node(root, 1, out);
    return out.toString();
  }

  private static void node(Record node, int depth, StringBuilder out) {
    out.append(INDENT.repeat(depth)).append(node.getClass().getSimpleName()).append('\n');
    for (RecordComponent component : node.getClass().getRecordComponents()) {
      Object value = read(component, node);
      if (!(value instanceof SourcePosition)) {
        property(component.getName(), value, depth + 1, out);
      }
    }
  }

  private static void property(String name, Object value, int depth, StringBuilder out) {
    switch (value) {
      case Optional<?> optional when optional.isEmpty() -> {}
      case OptionalLong optional when optional.isEmpty() -> {}
      case Optional<?> optional -> property(name, optional.get(), depth, out);
      case OptionalLong optional -> leaf(name, optional.getAsLong(), depth, out);
      case Collection<?> items when items.isEmpty() -> {}
      case Collection<?> items -> {
        out.append(INDENT.repeat(depth)).append(name).append(":\n");
        for (Object item : items) {
          element(item, depth + 1, out);
        }
      }
      case Record record when isLeaf(record) -> leaf(name, record, depth, out);
      case Record record -> {
        out.append(INDENT.repeat(depth)).append(name).append(":\n");
        node(record, depth + 1, out);
      }
      default -> leaf(name, value, depth, out);
    }
  }

  private static void element(Object item, int depth, StringBuilder out) {
    if (item instanceof Record record && !isLeaf(record)) {
      node(record, depth, out);
    } else {
      out.append(INDENT.repeat(depth)).append(display(item)).append('\n');
    }
  }

  private static void leaf(String name, Object value, int depth, StringBuilder out) {
    out.append(INDENT.repeat(depth)).append(name).append(": ").append(display(value)).append('\n');
  }

  /** Records that read best on one line: names, literals, and wrappers of one plain value. */
  private static boolean isLeaf(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    return components.length == 0
        || record instanceof Identifier
        || record instanceof Literal
        || (components.length == 1 && isPlain(read(components[0], record)));
  }

  private static boolean isPlain(Object value) {
    return !(value instanceof Record
        || value instanceof Collection<?>
        || value instanceof Optional<?>
        || value instanceof OptionalLong);
  }

  /** Literals as SQL ({@code 'a'}, {@code NOW - 1h}), durations as {@code 5m}, names bare. */
  private static String display(Object value) {
    return switch (value) {
      case Literal literal -> SqlFormatter.literal(literal);
      case Duration duration -> TimeUnitSyntax.format(duration);
      case Identifier identifier -> identifier.value();
      case Record record when record.getClass().getRecordComponents().length == 0 ->
          record.getClass().getSimpleName();
      case Record record ->
          record.getClass().getSimpleName()
              + " "
              + display(read(record.getClass().getRecordComponents()[0], record));
      default -> String.valueOf(value);
    };
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component + " of " + record, e);
    }
  }
}
