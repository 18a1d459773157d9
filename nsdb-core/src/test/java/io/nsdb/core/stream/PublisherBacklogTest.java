package io.nsdb.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on what waits for the publisher: writers are held past it, never anything dropped. */
class PublisherBacklogTest {

  @Test
  void aWriterIsHeldWhileTheBacklogIsOverItsBoundAndGoesOnOnceTheBacklogShrinks() throws Exception {
    PublisherBacklog backlog = PublisherBacklog.bounded(10);
    backlog.added(8);
    backlog.awaitRoom(); // under the bound: returns at once
    backlog.added(8);
    assertEquals(16, backlog.size());

    CompletableFuture<Void> writer = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              backlog.awaitRoom();
              writer.complete(null);
            },
            "held-writer");
    thread.start();
    awaitParked(thread);
    assertFalse(writer.isDone(), "held while 16 bits wait, over the bound of 10");

    backlog.taken(6);
    writer.get(20, TimeUnit.SECONDS);
    assertEquals(10, backlog.size(), "at the bound is not over it");
  }

  @Test
  void anInterruptedWriterGoesOnWithItsInterruptKept() throws Exception {
    PublisherBacklog backlog = PublisherBacklog.bounded(1);
    backlog.added(5);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              backlog.awaitRoom();
              interrupted.complete(Thread.currentThread().isInterrupted());
            },
            "interrupted-writer");
    thread.start();
    awaitParked(thread);
    thread.interrupt();
    assertTrue(interrupted.get(20, TimeUnit.SECONDS));
  }

  @Test
  void anUnboundedBacklogNeverHoldsAndABoundMustBePositive() {
    PublisherBacklog backlog = PublisherBacklog.unbounded();
    backlog.added(Integer.MAX_VALUE);
    backlog.awaitRoom();
    assertThrows(IllegalArgumentException.class, () -> PublisherBacklog.bounded(0));
  }

  /** Waits (up to 20 s) until {@code thread} is parked. */
  private static void awaitParked(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the writer was never held");
      }
      Thread.onSpinWait();
    }
  }
}
