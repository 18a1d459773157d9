package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Describe;
import io.nsdb.sql.tree.DropMetric;
import io.nsdb.sql.tree.Insert;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Show;
import io.nsdb.sql.tree.Statement;
import io.nsdb.sql.tree.Use;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one parsed statement against the server, each on the route closest to it (docs/shell.md
 * lists them): SELECT on {@code POST /query}; INSERT on {@code /write} or {@code /data} ({@link
 * InsertMapping}); DELETE on {@code POST /delete}; DROP, SHOW and DESCRIBE on {@code /commands};
 * USE in the session alone.
 */
final class StatementRunner {

  /** What a statement gave: rows to show, and a line saying what happened; either may be absent. */
  record Result(Optional<ResultTable> table, String notice) {}

  private final ServerClient client;
  private final Session session;
  private final Catalog catalog;
  private final Clock clock;

  StatementRunner(ServerClient client, Session session, Catalog catalog, Clock clock) {
    this.client = client;
    this.session = session;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Runs {@code statement}, parsed from {@code text} (sent as typed, so positions agree). */
  Result run(Statement statement, String text) {
    String db = session.database();
    String ns = session.namespace();
    return switch (statement) {
      case Select select -> {
        ResultTable table = RecordColumns.table(select, client.query(db, ns, text));
        yield new Result(Optional.of(table), rows(table.rows().size()));
      }
      case Insert insert -> insert(insert, db, ns);
      case Delete delete -> {
        long deleted = client.delete(db, ns, text);
        yield new Result(
            Optional.empty(), deleted + (deleted == 1 ? " point" : " points") + " deleted");
      }
      case DropMetric drop -> {
        String dropped = client.dropMetric(db, ns, drop.metric().value());
        catalog.invalidate();
        yield new Result(Optional.empty(), "dropped metric " + dropped);
      }
      case Show show -> show(show, db, ns);
      case Describe describe -> describe(describe, db, ns);
      case Use use -> {
        session.use(use.database().map(d -> d.value()).orElse(db), use.namespace().value());
        yield new Result(
            Optional.empty(), "using " + session.database() + "." + session.namespace());
      }
    };
  }

  private Result insert(Insert insert, String db, String ns) {
    Optional<String> line = InsertMapping.lineProtocol(insert);
    if (line.isPresent()) {
      client.write(db, ns, "ms", line.get());
    } else {
      client.insert(
          db, ns, insert.metric().value(), List.of(InsertMapping.bit(insert, clock.millis())));
    }
    catalog.invalidate();
    return new Result(Optional.empty(), "1 point written");
  }

  private Result show(Show show, String db, String ns) {
    ResultTable table =
        switch (show.target()) {
          case DATABASES -> ResultTable.ofNames("database", client.databases());
          case NAMESPACES -> ResultTable.ofNames("namespace", client.namespaces(db));
          case METRICS -> ResultTable.ofNames("metric", client.metrics(db, ns));
        };
    return new Result(Optional.of(table), rows(table.rows().size()));
  }

  private Result describe(Describe describe, String db, String ns) {
    JsonNode answer = client.describe(db, ns, describe.metric().value());
    var factory = ServerClient.JSON.getNodeFactory();
    List<List<JsonNode>> rows = new ArrayList<>();
    for (JsonNode field : answer.path("fields")) {
      rows.add(
          List.of(
              field.path("name"),
              field.path("type"),
              factory.textNode(kind(field.path("fieldClassType").asText()))));
    }
    JsonNode info = answer.path("metricInfo");
    long retention = info.path("retention").asLong();
    String notice =
        "shard interval "
            + duration(info.path("shardInterval").asLong())
            + ", retention "
            + (retention == 0 ? "forever" : duration(retention));
    return new Result(
        Optional.of(new ResultTable(List.of("column", "type", "kind"), rows)), notice);
  }

  /** NSDb's field classes, in the dialect's words. */
  private static String kind(String fieldClassType) {
    return switch (fieldClassType) {
      case "TimestampFieldType" -> "timestamp";
      case "ValueFieldType" -> "value";
      case "DimensionFieldType" -> "dimension";
      case "TagFieldType" -> "tag";
      default -> fieldClassType;
    };
  }

  /** {@code 1d}, {@code 90m}, {@code 1500ms}: the largest unit that divides it. */
  static String duration(long millis) {
    long[] sizes = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] units = {"w", "d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }

  static String rows(int count) {
    return "(" + count + (count == 1 ? " row)" : " rows)");
  }
}
