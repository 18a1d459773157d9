package io.nsdb.ws.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.GroupBy;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.SelectItem;

/**
 * Jackson set up to write the SQL tree: every node of a sealed family carries {@code "type"} (its
 * record's name) so that a client can tell an {@code And} from an {@code Or}. The tree itself stays
 * free of JSON annotations (nsdb-sql knows no wire formats); mix-ins add them here.
 */
final class StatementTrees {

  @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
  private interface Typed {}

  @JsonIgnoreProperties({"aggregate"})
  private interface SelectMixin {}

  static final ObjectMapper MAPPER =
      Json.MAPPER
          .copy()
          .addMixIn(Condition.class, Typed.class)
          .addMixIn(Literal.class, Typed.class)
          .addMixIn(SelectItem.class, Typed.class)
          .addMixIn(GroupBy.class, Typed.class)
          .addMixIn(Select.class, SelectMixin.class);

  private StatementTrees() {}
}
