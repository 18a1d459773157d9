package io.nsdb.core.stream;

import static io.nsdb.core.stream.StreamFixtures.CPU;
import static io.nsdb.core.stream.StreamFixtures.SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.MetricKey;
import io.nsdb.sql.parser.SqlParser;
import io.nsdb.sql.tree.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publisher's state without the actor: subscribers are strings, sinks record what they get. */
class SubscriptionRegistryTest {

  private static final MetricKey MEM = new MetricKey("db", "ns", "mem");

  /** What a flush handed on, one line per frame or stuck subscription. */
  private static final class Recorder implements SubscriptionRegistry.Sink<String> {
    final List<String> events = new ArrayList<>();

    @Override
    public void frame(
        String subscriber, String quid, MetricKey metric, SubscriptionOutbox.Flush<Bit> frame) {
      List<Object> values = frame.records().stream().map(b -> (Object) b.value()).toList();
      events.add(subscriber + " " + quid + " #" + frame.sequence() + " " + values);
    }

    @Override
    public void stuck(String subscriber, String quid, MetricKey metric, long droppedTotal) {
      events.add(subscriber + " " + quid + " stuck dropped=" + droppedTotal);
    }
  }

  private int quids;
  private final SubscriptionRegistry<String> registry =
      new SubscriptionRegistry<>(1, 2, () -> "q" + ++quids);

  private String subscribe(String subscriber, String sql) {
    return registry.subscribe(subscriber, CPU, (Select) SqlParser.parse(sql), SCHEMA, 10, 10);
  }

  private static Bit bit(String host, double value) {
    return new Bit(0, value, Map.of("host", host), Map.of());
  }

  private List<String> flush(long now) {
    Recorder recorder = new Recorder();
    registry.flush(now, recorder);
    return recorder.events;
  }

  private void assertEmpty() {
    assertEquals(0, registry.subscriberCount());
    assertEquals(0, registry.subscriptionCount());
    assertEquals(0, registry.quidCount());
    assertEquals(Map.of(), registry.indexSizes());
  }

  @Test
  void identicalQueriesShareOneQuidAndOneIndexEntry() {
    String quid = subscribe("s1", "select * from cpu where host = 'a'");
    assertEquals(quid, subscribe("s2", "select *\nfrom cpu where (host = 'a')"));
    assertEquals(quid, subscribe("s1", "select * from cpu where host = 'a'"), "idempotent");
    assertNotEquals(quid, subscribe("s2", "select * from cpu where host = 'b'"));
    assertEquals(2, registry.subscriberCount());
    assertEquals(3, registry.subscriptionCount());
    assertEquals(2, registry.quidCount());
    assertEquals(Map.of(CPU, 2), registry.indexSizes());

    registry.published(CPU, List.of(bit("a", 1), bit("b", 2)), 0);
    registry.published(MEM, List.of(bit("a", 3)), 0);
    assertEquals(List.of("s1 q1 #1 [1.0]", "s2 q1 #1 [1.0]", "s2 q2 #1 [2.0]"), flush(0));
  }

  @Test
  void theLastSubscriberLeavingRemovesTheQuidAndTheIndex() {
    String quid = subscribe("s1", "select * from cpu where host = 'a'");
    subscribe("s2", "select * from cpu where host = 'a'");
    subscribe("s2", "select * from cpu");
    assertTrue(registry.unsubscribe("s1", quid));
    assertFalse(registry.unsubscribe("s1", quid));
    assertEquals(Map.of(CPU, 2), registry.indexSizes());
    assertEquals(2, registry.removeSubscriber("s2"));
    assertEquals(0, registry.removeSubscriber("s2"));
    assertEmpty();
  }

  @Test
  void aFailedSubscriptionLeavesNoTrace() {
    NsdbException error =
        assertThrows(NsdbException.class, () -> subscribe("s1", "select * from cpu where x = 1"));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, error.code());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            registry.subscribe(
                "s1", CPU, (Select) SqlParser.parse("select * from cpu"), SCHEMA, 0, 10));
    assertEmpty();
  }

  @Test
  void aStuckSubscriptionIsRemovedAndReported() {
    String slow = subscribe("slow", "select * from cpu");
    String fast = subscribe("fast", "select * from cpu");
    assertEquals(slow, fast);
    long now = 0;
    for (int i = 0; i < 3; i++, now += 10) {
      registry.published(CPU, List.of(bit("a", i)), now);
      List<String> events = flush(now);
      registry.acknowledge("fast", fast, i + 1);
      assertTrue(
          events.contains("fast q1 #" + (i + 1) + " [" + (double) i + "]"), events.toString());
      // Capacity 1: the slow one got its first frame only, then overflows twice and is stuck.
      assertEquals(i == 2, events.contains("slow q1 stuck dropped=0"), events.toString());
    }
    assertEquals(1, registry.subscriberCount());
    assertFalse(registry.acknowledge("slow", slow, 1), "gone");
    assertThrows(IllegalArgumentException.class, () -> registry.acknowledge("fast", fast, 9));
  }
}
