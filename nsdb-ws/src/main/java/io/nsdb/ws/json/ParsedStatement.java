package io.nsdb.ws.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.nsdb.sql.SqlFormatter;
import io.nsdb.sql.tree.Select;

/**
 * The {@code "parsed"} part of a query answer (NSDb's {@code parsed=true}): the statement in
 * canonical SQL and as a tree, each node with a {@code "type"} naming its kind.
 */
public record ParsedStatement(String canonical, JsonNode statement) {

  public static ParsedStatement of(Select select) {
    return new ParsedStatement(
        SqlFormatter.format(select), StatementTrees.MAPPER.valueToTree(select));
  }
}
