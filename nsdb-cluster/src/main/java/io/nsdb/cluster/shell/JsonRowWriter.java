package io.nsdb.cluster.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One JSON object per row and per line (NDJSON), keyed by column, values as the server sent them
 * (timestamps as epoch milliseconds, a missing value as {@code null}): for {@code jq} and programs.
 */
final class JsonRowWriter implements RowWriter {

  private final PrintWriter out;
  private List<String> columns = List.of();

  JsonRowWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<String> columns, List<List<JsonNode>> firstRows) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public void rows(List<List<JsonNode>> rows) {
    for (List<JsonNode> row : rows) {
      ObjectNode object = ServerClient.JSON.createObjectNode();
      for (int c = 0; c < row.size(); c++) {
        object.set(columns.get(c), row.get(c) == null ? object.nullNode() : row.get(c));
      }
      try {
        out.println(ServerClient.JSON.writeValueAsString(object));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.flush();
  }
}
