package io.nsdb.core.stream;

import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.ColumnKind;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.util.Map;

/** The metric the stream tests subscribe to: every column type, dimensions and tags. */
final class StreamFixtures {

  static final MetricKey CPU = new MetricKey("db", "ns", "cpu");

  /** A DECIMAL metric: host, region (VARCHAR), cores (BIGINT), load (DECIMAL); tags dc, rack. */
  static final Schema SCHEMA =
      new Schema(
          CPU,
          ColumnType.DECIMAL,
          Map.of(
              "host", new Column("host", ColumnType.VARCHAR, ColumnKind.DIMENSION),
              "region", new Column("region", ColumnType.VARCHAR, ColumnKind.DIMENSION),
              "cores", new Column("cores", ColumnType.BIGINT, ColumnKind.DIMENSION),
              "load", new Column("load", ColumnType.DECIMAL, ColumnKind.DIMENSION),
              "dc", new Column("dc", ColumnType.VARCHAR, ColumnKind.TAG),
              "rack", new Column("rack", ColumnType.BIGINT, ColumnKind.TAG)));

  /** The same columns over a BIGINT value. */
  static final Schema LONG_SCHEMA = new Schema(CPU, ColumnType.BIGINT, SCHEMA.columns());

  private StreamFixtures() {}

  static CompiledQuery compile(String where, Schema schema) {
    String sql = "select * from cpu" + (where.isEmpty() ? "" : " where " + where);
    return CompiledQuery.compile((Select) SqlParser.parse(sql), schema);
  }

  static CompiledQuery compile(String where) {
    return compile(where, SCHEMA);
  }
}
