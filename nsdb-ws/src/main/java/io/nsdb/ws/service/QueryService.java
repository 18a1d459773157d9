package io.nsdb.ws.service;

import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryResult;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Statement;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.json.QueryRequest;
import io.nsdb.ws.metrics.ServerMetrics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Runs {@code /query} and {@code /query/validate}: parse the statement, check it is a SELECT of the
 * metric the request names, AND NSDb's REST enrichments to it, execute on a worker.
 */
public final class QueryService {

  /** A query's answer and, when asked for, the statement as parsed. */
  public record Answer(QueryResult result, Select select) {}

  private final QueryEngine engine;
  private final SqlParser parser;
  private final WorkerPool workers;
  private final ServerMetrics metrics;
  private final Clock clock;

  public QueryService(
      QueryEngine engine,
      SqlParser parser,
      WorkerPool workers,
      ServerMetrics metrics,
      Clock clock) {
    this.engine = engine;
    this.parser = parser;
    this.workers = workers;
    this.metrics = metrics;
    this.clock = clock;
  }

  public CompletionStage<Answer> query(QueryRequest request) {
    Prepared prepared = prepare(request);
    return workers.submit(
        () -> {
          long started = System.nanoTime();
          try {
            QueryResult result =
                engine.execute(
                    prepared.metric(), prepared.select(), prepared.extra(), clock.millis());
            return new Answer(result, prepared.select());
          } finally {
            metrics.queryFinished(System.nanoTime() - started);
          }
        });
  }

  /** Resolves to the statement when it would run, or fails with the error a query would get. */
  public CompletionStage<Select> validate(QueryRequest request) {
    Prepared prepared = prepare(request);
    return workers.submit(
        () -> {
          engine.validate(prepared.metric(), prepared.select(), prepared.extra(), clock.millis());
          return prepared.select();
        });
  }

  /** A request's statement, the metric it reads and NSDb's enrichments as one condition. */
  record Prepared(MetricKey metric, Select select, Optional<Condition> extra) {}

  Prepared prepare(QueryRequest request) {
    Select select = parseSelect(request);
    MetricKey metric = Names.metric(request.db(), request.namespace(), select.metric().value());
    return new Prepared(metric, select, RestFilters.condition(request));
  }

  private Select parseSelect(QueryRequest request) {
    Statement statement = parser.parse(request.queryString());
    if (!(statement instanceof Select select)) {
      throw ApiException.badRequest(
          ApiErrorCode.NOT_A_SELECT,
          "/query runs SELECT statements only [statement="
              + statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT)
              + "]");
    }
    String from = select.metric().value();
    if (request.metric().isPresent() && !request.metric().get().equals(from)) {
      throw ApiException.badRequest(
          ApiErrorCode.METRIC_MISMATCH,
          "the request's metric is not the statement's FROM [metric="
              + request.metric().get()
              + ", from="
              + from
              + "]");
    }
    return select;
  }
}
