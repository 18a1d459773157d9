package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nsdb.sql.tree.ColumnAssignment;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.NowLiteral;
import io.nsdb.sql.tree.NumericLiteral;
import io.nsdb.sql.tree.StringLiteral;
import java.util.List;
import java.util.Optional;

/**
 * How an {@code INSERT} reaches the server, which has no route that runs SQL writes. With {@code
 * TS} it is a bit for {@code POST /data}, types kept exactly. Without {@code TS} the dialect says
 * the server's clock stamps the bit, which only {@code POST /write} does (a line without a
 * timestamp): taken when every dimension and tag is a string, as line protocol carries them. A
 * numeric dimension or tag cannot travel there (it would become a metric of its own, or text), so
 * such an insert goes to {@code /data} stamped with this machine's clock.
 */
final class InsertMapping {

  private InsertMapping() {}

  /** The line for {@code POST /write?precision=ms}, when the insert can be sent that way. */
  static Optional<String> lineProtocol(Insert insert) {
    if (insert.timestamp().isPresent()
        || !allLineSafeStrings(insert.dimensions())
        || !allLineSafeStrings(insert.tags())) {
      return Optional.empty();
    }
    StringBuilder line = new StringBuilder(insert.metric().value());
    for (ColumnAssignment tag : insert.tags()) {
      String value = ((StringLiteral) tag.value()).value();
      if (value.isEmpty()) {
        return Optional.empty();
      }
      line.append(',').append(tag.column().value()).append('=').append(escapeTag(value));
    }
    line.append(' ');
    for (ColumnAssignment dimension : insert.dimensions()) {
      String value = ((StringLiteral) dimension.value()).value();
      line.append(dimension.column().value())
          .append("=\"")
          .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\",");
    }
    line.append("value=").append(fieldValue(insert.value()));
    return Optional.of(line.toString());
  }

  /** The bit for {@code POST /data}; {@code now} stamps it when the insert has no {@code TS}. */
  static ObjectNode bit(Insert insert, long now) {
    ObjectNode bit = ServerClient.JSON.createObjectNode();
    bit.put("timestamp", insert.timestamp().orElse(now));
    switch (insert.value()) {
      case LongLiteral l -> bit.put("value", l.value());
      case DoubleLiteral d -> bit.put("value", d.value());
    }
    columns(bit.putObject("dimensions"), insert.dimensions());
    columns(bit.putObject("tags"), insert.tags());
    return bit;
  }

  private static void columns(ObjectNode target, List<ColumnAssignment> assignments) {
    for (ColumnAssignment assignment : assignments) {
      String name = assignment.column().value();
      Literal value = assignment.value();
      switch (value) {
        case LongLiteral l -> target.put(name, l.value());
        case DoubleLiteral d -> target.put(name, d.value());
        case StringLiteral s -> target.put(name, s.value());
        case NowLiteral now ->
            throw new IllegalArgumentException("NOW is not a column value [column=" + name + "]");
      }
    }
  }

  private static boolean allLineSafeStrings(List<ColumnAssignment> assignments) {
    return assignments.stream()
        .allMatch(
            a ->
                a.value() instanceof StringLiteral s
                    && s.value().indexOf('\n') < 0
                    && s.value().indexOf('\r') < 0);
  }

  /** Line protocol: {@code 5i} is BIGINT; a decimal as Java writes it, which the server reads. */
  private static String fieldValue(NumericLiteral value) {
    return switch (value) {
      case LongLiteral l -> l.value() + "i";
      case DoubleLiteral d -> Double.toString(d.value());
    };
  }

  private static String escapeTag(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
  }
}
