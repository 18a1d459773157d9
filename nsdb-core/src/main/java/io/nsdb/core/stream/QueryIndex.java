package io.nsdb.core.stream;

import io.nsdb.core.head.SeriesKey;
import io.nsdb.core.model.Bit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The continuous queries of one metric, indexed so that matching a bit costs the lookups plus the
 * candidates, not the number of registered queries.
 *
 * <p>Each query is filed under one of its {@link CompiledQuery#equalities() equalities} in a hash
 * map {@code column → key → queries}; a query without one goes to the scan list. A bit looks up,
 * for each column the index knows, its own value of that column; only the queries found there and
 * the scan list have their full predicates evaluated.
 *
 * <p><b>Which equality.</b> Every indexed column costs one lookup for every bit, whatever the bit's
 * values, so a query is filed under its first equality on a column the index already has, and only
 * when it has none under its first equality (written order). {@code host = 'a' and region = 'eu'}
 * joins {@code host} if other queries use it, so a thousand such subscriptions keep one lookup per
 * bit. The choice is deterministic for a given sequence of registrations, and where a query went is
 * remembered, so unregistering never searches.
 *
 * <p><b>Thread-safety.</b> None: one owner (the metric's publisher actor) registers, unregisters
 * and matches, one call at a time. Queries themselves are immutable and can be shared.
 *
 * @param <K> the id of a query (a subscription's quid)
 */
public final class QueryIndex<K> {

  /** Where a query is filed: under an equality, or in the scan list when {@code on} is null. */
  private record Filing(CompiledQuery query, Equality on) {}

  private final Map<String, Map<Object, Map<K, CompiledQuery>>> byColumn = new HashMap<>();
  private final Map<K, CompiledQuery> scanned = new LinkedHashMap<>();
  private final Map<K, Filing> filings = new HashMap<>();

  /**
   * Adds {@code query} under {@code id}.
   *
   * @throws IllegalArgumentException when {@code id} is already registered
   */
  public void register(K id, CompiledQuery query) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(query, "query");
    if (filings.containsKey(id)) {
      throw new IllegalArgumentException("query id already registered [id=" + id + "]");
    }
    Equality on = choose(query);
    if (on == null) {
      scanned.put(id, query);
    } else {
      byColumn
          .computeIfAbsent(on.column(), c -> new HashMap<>())
          .computeIfAbsent(on.key(), k -> new LinkedHashMap<>())
          .put(id, query);
    }
    filings.put(id, new Filing(query, on));
  }

  private Equality choose(CompiledQuery query) {
    for (Equality equality : query.equalities()) {
      if (byColumn.containsKey(equality.column())) {
        return equality;
      }
    }
    return query.equalities().isEmpty() ? null : query.equalities().get(0);
  }

  /** Removes the query registered under {@code id}; false when there is none. */
  public boolean unregister(K id) {
    Filing filing = filings.remove(id);
    if (filing == null) {
      return false;
    }
    if (filing.on() == null) {
      scanned.remove(id);
      return true;
    }
    // Empty buckets and columns go, so an unused column stops costing every bit a lookup.
    Map<Object, Map<K, CompiledQuery>> keys = byColumn.get(filing.on().column());
    Map<K, CompiledQuery> bucket = keys.get(filing.on().key());
    bucket.remove(id);
    if (bucket.isEmpty()) {
      keys.remove(filing.on().key());
      if (keys.isEmpty()) {
        byColumn.remove(filing.on().column());
      }
    }
    return true;
  }

  /** The query registered under {@code id}, or null. */
  public CompiledQuery get(K id) {
    Filing filing = filings.get(id);
    return filing == null ? null : filing.query();
  }

  /** The number of registered queries. */
  public int size() {
    return filings.size();
  }

  /** The number of queries in the scan list (those evaluated for every bit). */
  public int scannedCount() {
    return scanned.size();
  }

  /** The number of columns a bit is looked up by. */
  public int indexedColumnCount() {
    return byColumn.size();
  }

  /** The number of distinct (column, key) buckets. */
  public int bucketCount() {
    int buckets = 0;
    for (Map<Object, Map<K, CompiledQuery>> keys : byColumn.values()) {
      buckets += keys.size();
    }
    return buckets;
  }

  /**
   * Calls {@code matched} with the id of every query whose WHERE is true of {@code bit} when {@code
   * now} is {@code nowMillis}: indexed queries first, in column then registration order per bucket,
   * then the scan list in registration order. Each id at most once. The bit must be accepted by the
   * metric's schema. {@code matched} must not register or unregister on this index.
   */
  public void match(Bit bit, long nowMillis, Consumer<? super K> matched) {
    // Built at the first candidate only: most bits match nothing, and the key hashes its columns.
    SeriesKey series = null;
    for (Map.Entry<String, Map<Object, Map<K, CompiledQuery>>> column : byColumn.entrySet()) {
      Object value = valueOf(bit, column.getKey());
      if (value == null) {
        continue; // every query here needs the column; without it each is unknown
      }
      Map<K, CompiledQuery> bucket = column.getValue().get(IndexKey.of(value));
      if (bucket == null) {
        continue;
      }
      if (series == null) {
        series = new SeriesKey(bit.dimensions(), bit.tags());
      }
      for (Map.Entry<K, CompiledQuery> candidate : bucket.entrySet()) {
        if (candidate.getValue().matches(bit, series, nowMillis)) {
          matched.accept(candidate.getKey());
        }
      }
    }
    if (scanned.isEmpty()) {
      return;
    }
    if (series == null) {
      series = new SeriesKey(bit.dimensions(), bit.tags());
    }
    for (Map.Entry<K, CompiledQuery> candidate : scanned.entrySet()) {
      if (candidate.getValue().matches(bit, series, nowMillis)) {
        matched.accept(candidate.getKey());
      }
    }
  }

  /** A bit's value of a column, as the predicate reads it; null when the bit lacks it. */
  private static Object valueOf(Bit bit, String column) {
    return switch (column) {
      case "timestamp" -> bit.timestamp();
      case "value" -> bit.value();
      default -> {
        Object value = bit.dimensions().get(column);
        yield value != null ? value : bit.tags().get(column);
      }
    };
  }
}
