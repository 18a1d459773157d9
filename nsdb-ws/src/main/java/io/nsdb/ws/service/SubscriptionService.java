package io.nsdb.ws.service;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.query.LiveQuery;
import io.nsdb.core.query.QueryEngine;
import io.nsdb.core.schema.Schema;
import io.nsdb.core.stream.Publisher;
import io.nsdb.sql.tree.Select;
import io.nsdb.ws.json.QueryRequest;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Starts continuous-query subscriptions: parse and check the statement as {@code /query} does (the
 * metric is the statement's FROM; a body {@code metric} must agree), AND NSDb's {@code from},
 * {@code to} and {@code filters} into its WHERE so that they filter the live records too, then, on
 * a worker, evaluate its history and register it with the publisher in one step while the metric's
 * writes are held ({@link Storage#holdingWrites}): the history holds exactly the writes up to the
 * hand-over LSN and the stream exactly those after it, with no gap and no duplicate.
 */
public final class SubscriptionService {

  /**
   * Who subscribes, how its frames are paced, and the id its reply will carry (unique among its
   * subscribes in flight).
   */
  public record Subscriber(
      ActorRef<Publisher.Event> events,
      ActorRef<Publisher.SubscribeReply> replies,
      long refreshPeriodMillis,
      int retentionSize,
      long requestId) {}

  private final Storage storage;
  private final QueryEngine engine;
  private final QueryService queries;
  private final WorkerPool workers;
  private final ActorRef<Publisher.Command> publisher;
  private final Clock clock;

  public SubscriptionService(
      Storage storage,
      QueryEngine engine,
      QueryService queries,
      WorkerPool workers,
      ActorRef<Publisher.Command> publisher,
      Clock clock) {
    this.storage = storage;
    this.engine = engine;
    this.queries = queries;
    this.workers = workers;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Subscribes; the publisher's {@link Publisher.SubscribeReply} goes to {@code subscriber}. Fails
   * (parse error, not a SELECT, metric mismatch, unknown metric or column, type error, busy
   * workers) with the error a {@code /query} of the same request would get, before anything is
   * registered.
   */
  public CompletionStage<Void> subscribe(
      QueryRequest request, OptionalLong resumeAfter, Subscriber subscriber) {
    QueryService.Prepared prepared = queries.prepare(request);
    Select select = prepared.extra().map(prepared.select()::withWhereAnd).orElse(prepared.select());
    return workers.submit(
        () -> {
          schemaOf(prepared, select); // the unknown-metric error with the FROM's position
          return storage.holdingWrites(
              prepared.metric(),
              () -> {
                Schema schema = schemaOf(prepared, select);
                LiveQuery live = engine.live(prepared.metric(), select, clock.millis());
                // Told before the writes are released: see Publisher.Subscribe.
                publisher.tell(
                    new Publisher.Subscribe(
                        subscriber.events(),
                        prepared.metric().db(),
                        prepared.metric().namespace(),
                        prepared.metric().metric(),
                        select,
                        schema,
                        live,
                        storage.lastLsn(),
                        resumeAfter,
                        subscriber.refreshPeriodMillis(),
                        subscriber.retentionSize(),
                        subscriber.requestId(),
                        subscriber.replies()));
                return null;
              });
        });
  }

  private Schema schemaOf(QueryService.Prepared prepared, Select select) {
    return storage
        .describe(prepared.metric())
        .orElseThrow(
            () ->
                new NsdbException(
                    ErrorCode.UNKNOWN_METRIC,
                    select.metric().position(),
                    "metric does not exist [metric=" + prepared.metric() + "]"));
  }
}
