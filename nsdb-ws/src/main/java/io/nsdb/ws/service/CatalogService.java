package io.nsdb.ws.service;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@code /commands} routes' work: list databases, namespaces and metrics, describe a metric,
 * set its info, drop metrics and namespaces. A name that does not exist is a 404 with the code of
 * what is missing.
 */
public final class CatalogService {

  /** A metric's schema (empty before its first write) and its shard interval and retention. */
  public record Description(MetricKey metric, Optional<Schema> schema, MetricInfo info) {}

  private final Storage storage;
  private final WorkerPool workers;

  public CatalogService(Storage storage, WorkerPool workers) {
    this.storage = storage;
    this.workers = workers;
  }

  public List<String> databases() {
    return storage.databases().stream().sorted().toList();
  }

  public List<String> namespaces(String db) {
    requireDatabase(db);
    return storage.namespaces(db).stream().sorted().toList();
  }

  public List<String> metrics(String db, String namespace) {
    requireNamespace(db, namespace);
    return storage.metrics(db, namespace).stream().sorted().toList();
  }

  public Description describe(String db, String namespace, String metric) {
    MetricKey key = requireMetric(db, namespace, metric);
    return new Description(key, storage.describe(key), storage.metricInfo(key));
  }

  /**
   * Sets shard interval and retention of a metric not written yet (as NSDb: once, before); resolves
   * to its description with the info as stored.
   */
  public CompletionStage<Description> setInfo(
      String db, String namespace, String metric, MetricInfo info) {
    MetricKey key = Names.metric(db, namespace, metric);
    return workers.submit(
        () -> {
          storage.setMetricInfo(key, info);
          return new Description(key, storage.describe(key), storage.metricInfo(key));
        });
  }

  public CompletionStage<MetricKey> dropMetric(String db, String namespace, String metric) {
    MetricKey key = requireMetric(db, namespace, metric);
    return workers.submit(
        () -> {
          storage.dropMetric(key);
          return key;
        });
  }

  public CompletionStage<String> dropNamespace(String db, String namespace) {
    requireNamespace(db, namespace);
    return workers.submit(
        () -> {
          storage.dropNamespace(db, namespace);
          return namespace;
        });
  }

  private void requireDatabase(String db) {
    Names.check("db", db);
    if (!storage.databases().contains(db)) {
      throw new ApiException(
          404, ApiErrorCode.UNKNOWN_DATABASE, "database does not exist [db=" + db + "]");
    }
  }

  private void requireNamespace(String db, String namespace) {
    requireDatabase(db);
    Names.check("namespace", namespace);
    if (!storage.namespaces(db).contains(namespace)) {
      throw new NsdbException(
          ErrorCode.UNKNOWN_NAMESPACE,
          "namespace does not exist [db=" + db + ", namespace=" + namespace + "]");
    }
  }

  private MetricKey requireMetric(String db, String namespace, String metric) {
    requireNamespace(db, namespace);
    MetricKey key = Names.metric(db, namespace, metric);
    if (!storage.metrics(db, namespace).contains(metric)) {
      throw new NsdbException(
          ErrorCode.UNKNOWN_METRIC, "metric does not exist [metric=" + key + "]");
    }
    return key;
  }
}
