package io.nsdb.ws.service;

import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run storage and query work for the routes. That work blocks (a write waits for
 * its fsync, a query scans), so it must stay off Pekko's dispatcher, whose few threads serve every
 * connection. The queue is bounded: when every worker is busy and the queue is full, a request is
 * refused at once with 503 OVERLOADED instead of piling up in memory.
 */
public final class WorkerPool implements AutoCloseable {

  private final ThreadPoolExecutor executor;

  public WorkerPool(int threads, int queueCapacity) {
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(queueCapacity),
            runnable -> {
              Thread thread = new Thread(runnable, "nsdb-worker-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  public <T> CompletionStage<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              result.complete(work.call());
            } catch (Throwable e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(
          new ApiException(
              503,
              ApiErrorCode.OVERLOADED,
              "the server is busy, retry later [workers="
                  + executor.getMaximumPoolSize()
                  + ", queued="
                  + executor.getQueue().size()
                  + "]"));
    }
    return result;
  }

  /** Requests waiting for a worker. */
  public int queued() {
    return executor.getQueue().size();
  }

  /** Lets running and queued work finish (up to the timeout), then stops the threads. */
  public void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(timeout, unit);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
