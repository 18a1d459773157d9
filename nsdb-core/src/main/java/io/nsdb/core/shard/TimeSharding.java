package io.nsdb.core.shard;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule of time sharding, in one place: a metric's time axis is cut into half-open shards
 * {@code [start, start + interval)} aligned to the epoch, so a timestamp's shard is the same on
 * every node and after every restart. A shard's directory is named {@code shard_<start>_<end>} in
 * epoch milliseconds.
 */
public final class TimeSharding {

  private static final Pattern DIRECTORY = Pattern.compile("shard_(-?\\d+)_(-?\\d+)");

  private final long intervalMillis;

  public TimeSharding(Duration interval) {
    this.intervalMillis = interval.toMillis();
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("shard interval must be at least 1ms: " + interval);
    }
  }

  public long intervalMillis() {
    return intervalMillis;
  }

  /** The start of the shard holding {@code timestamp}. */
  public long floor(long timestamp) {
    return Math.floorDiv(timestamp, intervalMillis) * intervalMillis;
  }

  /** The exclusive end of the shard starting at {@code start}, saturating at Long.MAX_VALUE. */
  public long end(long start) {
    long end = start + intervalMillis;
    return end < start ? Long.MAX_VALUE : end;
  }

  /**
   * The last timestamp inside the shard starting at {@code start}, saturating at Long.MAX_VALUE.
   */
  public long last(long start) {
    long last = start + (intervalMillis - 1);
    return last < start ? Long.MAX_VALUE : last;
  }

  public boolean sameShard(long a, long b) {
    return floor(a) == floor(b);
  }

  public String directoryName(long start) {
    return "shard_" + start + "_" + end(start);
  }

  /** The start of the shard named {@code name}, if it is a shard directory of this interval. */
  public Optional<Long> parse(String name) {
    Matcher matcher = DIRECTORY.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long start = Long.parseLong(matcher.group(1));
    long end = Long.parseLong(matcher.group(2));
    return start == floor(start) && end == end(start) ? Optional.of(start) : Optional.empty();
  }

  /** Whether the shard starting at {@code start} overlaps the closed range [from, to]. */
  public boolean overlaps(long start, long from, long to) {
    return start <= to && last(start) >= from;
  }

  /** Whether every point of the shard is older than {@code cutoff} (retention drops it whole). */
  public boolean expired(long start, long cutoff) {
    return last(start) < cutoff;
  }
}
