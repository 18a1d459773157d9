package io.nsdb.core.head;

import io.nsdb.core.model.Bit;
import io.nsdb.core.shard.TimeSharding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The open buffers of one metric, keyed by series and time shard. Not thread-safe: the engine's
 * per-metric lock guards it (writers exclusive, readers shared).
 */
public final class MetricHead {

  private record BufferKey(SeriesKey series, long shardStart) {}

  /** Series remembered by the identity of their maps before the memory is cleared. */
  private static final int MAX_CACHED_SERIES = 100_000;

  /** A series seen recently and the buffer its last point went to. */
  private static final class Slot {
    final SeriesKey series;
    SeriesBuffer buffer;

    Slot(SeriesKey series) {
      this.series = series;
    }
  }

  private final Map<BufferKey, SeriesBuffer> buffers = new HashMap<>();
  // Writers repeat one map instance per series (the line-protocol parser's series cache, a /data
  // batch's shared maps): found by the identity of its maps, a series' slot leads straight to the
  // buffer its previous point went to, with no key to build, hash or compare for each point.
  private final Map<Map<String, Object>, Map<Map<String, Object>, Slot>> slotsByMaps =
      new IdentityHashMap<>();
  private int cachedSlots;
  private final int chunkMaxPoints;
  private long points;

  public MetricHead(int chunkMaxPoints) {
    if (chunkMaxPoints < 1) {
      throw new IllegalArgumentException("chunkMaxPoints must be positive: " + chunkMaxPoints);
    }
    this.chunkMaxPoints = chunkMaxPoints;
  }

  /**
   * Appends conformed bits whose LSNs are {@code firstLsn, firstLsn + 1, ...}; returns the buffers
   * that became full, already removed from the head, for the caller to seal.
   */
  public List<SeriesBuffer> append(
      List<Bit> bits, long firstLsn, TimeSharding sharding, long nowMillis) {
    List<SeriesBuffer> full = new ArrayList<>();
    long lsn = firstLsn;
    for (Bit bit : bits) {
      append(bit, lsn++, sharding, nowMillis, full);
    }
    return full;
  }

  /** Appends one bit with its LSN; a buffer that becomes full is moved to {@code full}. */
  public void append(
      Bit bit, long lsn, TimeSharding sharding, long nowMillis, List<SeriesBuffer> full) {
    Slot slot = slot(bit);
    long shardStart = sharding.floor(bit.timestamp());
    SeriesBuffer buffer = slot.buffer;
    if (buffer == null || !buffer.attached || buffer.shardStart() != shardStart) {
      BufferKey key = new BufferKey(slot.series, shardStart);
      buffer = buffers.get(key);
      if (buffer == null) {
        buffer = new SeriesBuffer(slot.series, shardStart, nowMillis);
        buffers.put(key, buffer);
      }
      slot.buffer = buffer;
    }
    buffer.append(bit.timestamp(), rawValue(bit.value()), lsn);
    points++;
    if (buffer.size() >= chunkMaxPoints) {
      buffers.remove(new BufferKey(buffer.series(), buffer.shardStart()));
      buffer.attached = false;
      points -= buffer.size();
      full.add(buffer);
    }
  }

  private Slot slot(Bit bit) {
    Map<Map<String, Object>, Slot> byTags =
        slotsByMaps.computeIfAbsent(bit.dimensions(), d -> new IdentityHashMap<>());
    Slot slot = byTags.get(bit.tags());
    if (slot == null) {
      if (cachedSlots >= MAX_CACHED_SERIES) {
        slotsByMaps.clear();
        cachedSlots = 0;
        byTags = slotsByMaps.computeIfAbsent(bit.dimensions(), d -> new IdentityHashMap<>());
      }
      slot = new Slot(new SeriesKey(bit.dimensions(), bit.tags()));
      byTags.put(bit.tags(), slot);
      cachedSlots++;
    }
    return slot;
  }

  /** A value as the raw long bits chunks store: the long itself, or the double's bits. */
  public static long rawValue(Number value) {
    return value instanceof Double d ? Double.doubleToRawLongBits(d) : value.longValue();
  }

  /** Removes and returns the buffers {@code which} selects (to seal them). */
  public List<SeriesBuffer> detach(Predicate<SeriesBuffer> which) {
    List<SeriesBuffer> detached = new ArrayList<>();
    for (Iterator<SeriesBuffer> it = buffers.values().iterator(); it.hasNext(); ) {
      SeriesBuffer buffer = it.next();
      if (which.test(buffer)) {
        it.remove();
        buffer.attached = false;
        points -= buffer.size();
        detached.add(buffer);
      }
    }
    return detached;
  }

  /** Every buffer, for readers: they must copy what they keep before the lock is released. */
  public Iterable<SeriesBuffer> buffers() {
    return buffers.values();
  }

  /** The LSN of the oldest point in the head, if any. */
  public OptionalLong oldestLsn() {
    return buffers.values().stream().mapToLong(SeriesBuffer::firstLsn).min();
  }

  public long points() {
    return points;
  }

  public int bufferCount() {
    return buffers.size();
  }

  /** Bytes held by the buffers' arrays. */
  public long memoryBytes() {
    return buffers.values().stream().mapToLong(SeriesBuffer::capacityBytes).sum();
  }
}
