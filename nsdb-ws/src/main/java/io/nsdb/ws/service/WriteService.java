package io.nsdb.ws.service;

import io.nsdb.core.NsdbException;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.tree.Condition;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.lineprotocol.LineError;
import io.nsdb.ws.lineprotocol.MetricBits;
import io.nsdb.ws.lineprotocol.ParsedBatch;
import io.nsdb.ws.lineprotocol.Precision;
import io.nsdb.ws.metrics.ServerMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The write routes' work: a batch is inserted on a worker and acknowledged once the storage has
 * made it durable (per the commit log's sync policy) and queryable. {@code /delete}'s condition
 * runs here too, on a worker like a write.
 */
public final class WriteService {

  private final Storage storage;
  private final WorkerPool workers;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final ParserPool parsers = new ParserPool(Runtime.getRuntime().availableProcessors() * 2);

  public WriteService(Storage storage, WorkerPool workers, ServerMetrics metrics, Clock clock) {
    this.storage = storage;
    this.workers = workers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Writes a line-protocol body, all or nothing: every line is parsed and every metric's bits
   * checked against its schema and retention before any is written. Resolves to the number of
   * points written.
   */
  public CompletionStage<Integer> writeLines(
      String db, String namespace, Precision precision, byte[] body) {
    Names.check("db", db);
    Names.check("namespace", namespace);
    return workers.submit(
        () -> {
          ParsedBatch batch = parsers.with(p -> p.parse(body, precision, clock.millis()));
          if (batch.errorCount() > 0) {
            metrics.linesRejected(batch.errorCount());
            throw rejected(batch);
          }
          List<MetricKey> keys = new ArrayList<>();
          List<List<Bit>> groups = new ArrayList<>();
          for (MetricBits group : batch.metrics().values()) {
            keys.add(new MetricKey(db, namespace, group.metric()));
            groups.add(group.bits());
          }
          if (keys.size() > 1) {
            // One insert is all or nothing by itself; several need checking before the first.
            for (int i = 0; i < keys.size(); i++) {
              storage.check(keys.get(i), groups.get(i));
            }
          }
          for (int i = 0; i < keys.size(); i++) {
            try {
              storage.insert(keys.get(i), groups.get(i));
            } catch (NsdbException e) {
              throw i == 0 ? e : partlyWritten(e, keys, i);
            }
          }
          metrics.pointsWritten(batch.points());
          return batch.points();
        });
  }

  /**
   * Only a writer changing a schema between the check and the insert, or a failing disk, stops a
   * checked batch part way: the error then says which metrics were written, so that a retry can
   * leave them out.
   */
  private static NsdbException partlyWritten(NsdbException e, List<MetricKey> keys, int failed) {
    return new NsdbException(
        e.code(),
        e.getMessage()
            + " [written="
            + keys.subList(0, failed).stream().map(MetricKey::metric).toList()
            + ", notWritten="
            + keys.subList(failed, keys.size()).stream().map(MetricKey::metric).toList()
            + "]",
        e);
  }

  private static ApiException rejected(ParsedBatch batch) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (LineError error : batch.errors()) {
      errors.add(Map.of("line", error.lineNumber(), "reason", error.reason()));
    }
    return ApiException.invalidLines(
        batch.errorCount()
            + " of "
            + batch.lines()
            + " lines are malformed, nothing was written"
            + (batch.errorCount() > errors.size()
                ? " (the first " + errors.size() + " listed)"
                : ""),
        errors);
  }

  /** Inserts {@code bits} into one metric, all or nothing; resolves to the last bit's LSN. */
  public CompletionStage<Long> insert(String db, String namespace, String metric, List<Bit> bits) {
    MetricKey key = Names.metric(db, namespace, metric);
    return workers.submit(
        () -> {
          long lsn = storage.insert(key, bits);
          metrics.pointsWritten(bits.size());
          return lsn;
        });
  }

  /**
   * Deletes the points of {@code metric} matching {@code where} (a DELETE's condition); resolves to
   * how many went. An unknown metric, column or a type mismatch fails before anything changes; the
   * answer comes once the delete is durable, and queries and live subscriptions see it.
   */
  public CompletionStage<Long> delete(MetricKey metric, Condition where) {
    return workers.submit(() -> storage.delete(metric, where));
  }
}
