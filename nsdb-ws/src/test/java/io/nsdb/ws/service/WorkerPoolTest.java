package io.nsdb.ws.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.http.ErrorResponses;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bounded worker pool: a full pool refuses at once with 503 OVERLOADED, then recovers. */
class WorkerPoolTest {

  @Test
  void fullPoolRefusesWithOverloadedAndServesAgainOnceFree() throws Exception {
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> busy =
          pool.submit(
                  () -> {
                    running.countDown();
                    release.await();
                    return "busy";
                  })
              .toCompletableFuture();
      assertTrue(running.await(10, TimeUnit.SECONDS), "the worker took the first task");
      CompletableFuture<String> queued = pool.submit(() -> "queued").toCompletableFuture();
      assertEquals(1, pool.queued());

      CompletableFuture<String> refused = pool.submit(() -> "refused").toCompletableFuture();

      assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
      ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
      ApiException overloaded = assertInstanceOf(ApiException.class, failure.getCause());
      assertEquals(503, overloaded.status());
      assertEquals(ApiErrorCode.OVERLOADED, overloaded.code());
      HttpResponse answer = ErrorResponses.of(failure);
      assertEquals(503, answer.status().intValue());

      release.countDown();
      assertEquals("busy", busy.get(10, TimeUnit.SECONDS));
      assertEquals("queued", queued.get(10, TimeUnit.SECONDS));
      assertEquals(
          "again", pool.submit(() -> "again").toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void failureOfTheWorkIsTheFuturesFailure() {
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      CompletableFuture<Object> failed =
          pool.submit(
                  () -> {
                    throw new IllegalStateException("boom");
                  })
              .toCompletableFuture();

      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, failure.getCause());
    }
  }
}
