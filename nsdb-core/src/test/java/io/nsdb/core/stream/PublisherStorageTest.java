package io.nsdb.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nsdb.core.engine.Storage;
import io.nsdb.core.engine.StorageConfig;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real storage's write listener feeding the real publisher: inserts come out as frames. */
class PublisherStorageTest {

  private static final MetricKey CPU = new MetricKey("db", "ns", "cpu");
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path data;
  private final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
  private final ManualTime time = ManualTime.get(kit.system());
  private final AtomicLong now = new AtomicLong(T0);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private Storage storage;

  @AfterEach
  void close() {
    kit.shutdownTestKit();
    if (storage != null) {
      storage.close();
    }
  }

  private static Bit bit(String host, long value) {
    return new Bit(T0, value, Map.of("host", host), Map.of());
  }

  @Test
  void acknowledgedInsertsReachTheSubscriberInLsnOrder() {
    storage = Storage.open(StorageConfig.defaults(data));
    storage.insert(CPU, List.of(bit("a", 0))); // fixes the schema; before the subscription
    Schema schema = storage.describe(CPU).orElseThrow();
    ActorRef<Publisher.Command> publisher =
        kit.spawn(Publisher.create(new Publisher.Settings(Duration.ofMillis(10), 16, 10), clock));
    storage.setWriteListener(Publisher.writeListener(publisher, clock));

    TestProbe<Publisher.Event> subscriber = kit.createTestProbe();
    TestProbe<Publisher.SubscribeReply> reply = kit.createTestProbe();
    publisher.tell(
        new Publisher.Subscribe(
            subscriber.ref(),
            "db",
            "ns",
            "cpu",
            (Select) SqlParser.parse("select * from cpu where host = 'a'"),
            schema,
            50,
            1000,
            reply.ref()));
    String quid = ((Publisher.Subscribed) reply.receiveMessage()).quid();

    List<Bit> expected = new ArrayList<>();
    long lastLsn = 0;
    for (int i = 1; i <= 20; i++) {
      lastLsn = storage.insert(CPU, List.of(bit("a", i), bit("b", -i)));
      expected.add(bit("a", i));
    }
    now.addAndGet(10);
    time.timePasses(Duration.ofMillis(10));
    assertEquals(
        new Publisher.Frame(quid, CPU, expected, 0, 1),
        subscriber.expectMessageClass(Publisher.Frame.class));
    TestProbe<Publisher.Stats> stats = kit.createTestProbe();
    publisher.tell(new Publisher.GetStats(stats.ref()));
    assertEquals(lastLsn, stats.receiveMessage().lastPublishedLsn());
  }
}
