package io.nsdb.core.stream;

import io.nsdb.core.commitlog.CommitLogConfig;
import io.nsdb.core.commitlog.SyncPolicy;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.LiveQuery;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryLimits;
import io.nsdb.core.query.ResultRow;
import io.nsdb.core.schema.Column;
import io.nsdb.core.schema.ColumnKind;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  static Select select(String sql) {
    return (Select) SqlParser.parse(sql);
  }

  static CompiledQuery compile(String where, Schema schema) {
    String sql = "select * from cpu" + (where.isEmpty() ? "" : " where " + where);
    return CompiledQuery.compile(select(sql), schema);
  }

  static CompiledQuery compile(String where) {
    return compile(where, SCHEMA);
  }

  /**
   * The row {@code select * from cpu} gives for {@code bit}, as the query engine shapes it, in a
   * history or a frame. The bit must be conformed to {@link #SCHEMA} (a Double value, Long integer
   * columns).
   */
  static ResultRow row(Bit bit) {
    return new ResultRow(bit.timestamp(), bit.value(), bit.dimensions(), bit.tags());
  }

  static List<ResultRow> rows(List<Bit> bits) {
    return bits.stream().map(StreamFixtures::row).toList();
  }

  /**
   * The row {@code select count(*) from cpu group by host} gives for the group {@code host}: the
   * count as the value and in the tags, beside the group's column.
   */
  static ResultRow countRow(String host, long count) {
    return new ResultRow(0, count, Map.of(), Map.of("host", host, "count(*)", count));
  }

  /**
   * A real {@link Storage} in a directory holding {@link #CPU} with exactly the columns of {@link
   * #SCHEMA} and no point, and the query engine over it: where the live queries a subscription
   * needs come from, made as the WebSocket layer makes them. Synchronous inserts without fsync;
   * chunks of 8 points, so that histories span sealed chunks and the head; no background
   * maintenance during a test.
   */
  static final class CpuStorage implements AutoCloseable {

    final Storage storage;
    final QueryEngine engine;

    CpuStorage(Path directory) {
      storage =
          Storage.open(
              StorageConfig.defaults(directory)
                  .withCommitLog(CommitLogConfig.defaults().withSync(SyncPolicy.NONE))
                  .withChunkMaxPoints(8)
                  .withMaintenance(
                      Duration.ofHours(1),
                      Duration.ofHours(1),
                      Duration.ofHours(1),
                      Duration.ofHours(1)));
      engine = new QueryEngine(storage);
      // The first insert fixes the schema; its point goes again, the schema stays.
      storage.insert(
          CPU,
          List.of(
              new Bit(
                  0,
                  0.0,
                  Map.of("host", "seed", "region", "seed", "cores", 0L, "load", 0.0),
                  Map.of("dc", "seed", "rack", 0L))));
      storage.delete(
          CPU, ((Delete) SqlParser.parse("delete from cpu where host = 'seed'")).where());
      Schema schema = storage.describe(CPU).orElseThrow();
      if (!schema.equals(SCHEMA)) {
        throw new IllegalStateException("the seeded schema differs from SCHEMA: " + schema);
      }
    }

    /** {@code select} over {@link #CPU} evaluated continuously from the current data. */
    LiveQuery live(Select select, long nowMillis, int maxRows) {
      return new QueryEngine(storage, new QueryLimits(maxRows, Duration.ofSeconds(30)))
          .live(CPU, select, nowMillis);
    }

    LiveQuery live(Select select, long nowMillis) {
      return engine.live(CPU, select, nowMillis);
    }

    @Override
    public void close() {
      storage.close();
    }
  }
}
