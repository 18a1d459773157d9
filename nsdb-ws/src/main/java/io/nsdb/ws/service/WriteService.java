package io.nsdb.ws.service;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.ws.metrics.ServerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The write routes' work: a batch is inserted on a worker and acknowledged once the storage has
 * made it durable (per the commit log's sync policy) and queryable.
 */
public final class WriteService {

  private final Storage storage;
  private final WorkerPool workers;
  private final ServerMetrics metrics;
  private final Clock clock;

  public WriteService(Storage storage, WorkerPool workers, ServerMetrics metrics, Clock clock) {
    this.storage = storage;
    this.workers = workers;
    this.metrics = metrics;
    this.clock = clock;
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
}
