package io.nsdb.ws.service;

import io.nsdb.core.model.MetricKey;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.query.QueryResult;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.Delete;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.Statement;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.json.QueryRequest;
import io.nsdb.ws.metrics.ServerMetrics;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Runs {@code /query} and {@code /query/validate}: parse the statement, check it is a SELECT of the
 * metric the request names, AND NSDb's REST enrichments to it, execute on a worker. Also prepares
 * {@code /delete}'s statement the same way ({@link #prepareDelete}); {@link WriteService} runs it.
 */
public final class QueryService {

  /** A query's answer and, when asked for, the statement as parsed. */
  public record Answer(QueryResult result, Select select) {}

  /** A {@code /delete} request's statement and the metric it deletes from. */
  public record Deletion(MetricKey metric, Delete delete) {}

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

  /**
   * Parses a {@code /delete} request's statement: it must be a DELETE ({@code NOT_A_DELETE}
   * otherwise) whose FROM is the request's {@code metric} when one is given ({@code
   * METRIC_MISMATCH} otherwise). Whether the metric and its columns exist is the storage's to say
   * when the delete runs, before it changes anything.
   */
  public Deletion prepareDelete(
      String db, String namespace, Optional<String> requestMetric, String queryString) {
    Statement statement = parser.parse(queryString);
    if (!(statement instanceof Delete delete)) {
      throw ApiException.badRequest(
          ApiErrorCode.NOT_A_DELETE,
          "/delete runs DELETE statements only [statement=" + kind(statement) + "]");
    }
    String from = delete.metric().value();
    requireSameMetric(requestMetric, from);
    return new Deletion(Names.metric(db, namespace, from), delete);
  }

  private Select parseSelect(QueryRequest request) {
    Statement statement = parser.parse(request.queryString());
    if (!(statement instanceof Select select)) {
      throw ApiException.badRequest(
          ApiErrorCode.NOT_A_SELECT,
          "/query runs SELECT statements only [statement=" + kind(statement) + "]");
    }
    requireSameMetric(request.metric(), select.metric().value());
    return select;
  }

  private static String kind(Statement statement) {
    return statement.getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  /** A request's {@code metric}, when given, must be the statement's FROM. */
  private static void requireSameMetric(Optional<String> requestMetric, String from) {
    if (requestMetric.isPresent() && !requestMetric.get().equals(from)) {
      throw ApiException.badRequest(
          ApiErrorCode.METRIC_MISMATCH,
          "the request's metric is not the statement's FROM [metric="
              + requestMetric.get()
              + ", from="
              + from
              + "]");
    }
  }
}
