package io.nsdb.core.catalog;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.model.Bit;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every metric's schema and metric info, in memory for the write path and durable on disk. A change
 * is on disk before the call that made it returns; a batch that conflicts changes nothing.
 * Thread-safe: changes to one metric are serialised, reads never block.
 */
public final class Catalog {

  private static final String SUFFIX = ".meta";

  private final Path root;
  private final MetricInfo defaults;
  private final Map<MetricKey, MetricEntry> entries = new ConcurrentHashMap<>();

  private Catalog(Path root, MetricInfo defaults) {
    this.root = root;
    this.defaults = defaults;
  }

  /** Loads the catalog under {@code dataDir/catalog}, failing loudly on a corrupt file. */
  public static Catalog open(Path dataDir, MetricInfo defaults) {
    Catalog catalog = new Catalog(dataDir.resolve("catalog"), Objects.requireNonNull(defaults));
    catalog.load();
    return catalog;
  }

  private void load() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
        byte[] payload = MetadataFile.read(file, MetricEntryCodec.FORMAT, MetricEntryCodec.VERSION);
        MetricEntry entry;
        try {
          entry = MetricEntryCodec.decode(payload);
        } catch (IOException | IllegalArgumentException e) {
          throw new NsdbException(
              ErrorCode.CORRUPT_DATA,
              "unreadable metric entry [file=" + file + ", reason=" + e.getMessage() + "]",
              e);
        }
        MetricKey key = keyOf(file);
        entries.put(key, entry);
      }
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot list the catalog [dir=" + root + "]", e);
    }
  }

  private MetricKey keyOf(Path file) {
    Path relative = root.relativize(file);
    String name = relative.getFileName().toString();
    return new MetricKey(
        relative.getName(0).toString(),
        relative.getName(1).toString(),
        name.substring(0, name.length() - SUFFIX.length()));
  }

  public Optional<Schema> schema(MetricKey metric) {
    return entry(metric).schema();
  }

  /** The metric's info as set, or the configured defaults. */
  public MetricInfo info(MetricKey metric) {
    return entry(metric).info().orElse(defaults);
  }

  public boolean exists(MetricKey metric) {
    return entries.containsKey(metric);
  }

  private MetricEntry entry(MetricKey metric) {
    return entries.getOrDefault(metric, MetricEntry.EMPTY);
  }

  /**
   * Checks a batch against the metric's schema and records any new column, durably, before
   * returning the schema that covers the batch.
   *
   * @throws NsdbException {@link ErrorCode#SCHEMA_CONFLICT}, and then nothing changed
   */
  public Schema accept(MetricKey metric, List<Bit> bits) {
    Schema schema = entry(metric).schema().orElse(null);
    Schema merged = merge(metric, schema, bits);
    if (merged == schema) {
      return schema;
    }
    synchronized (this) {
      // Another writer may have extended the schema meanwhile: merge onto the latest.
      MetricEntry latest = entry(metric);
      Schema result = latest.schema().orElse(null);
      for (Bit bit : bits) {
        result = result == null ? Schema.of(metric, bit) : result.accept(bit);
      }
      if (result != latest.schema().orElse(null)) {
        store(metric, new MetricEntry(Optional.of(result), latest.info()));
      }
      return result;
    }
  }

  /**
   * Checks a batch against the metric's current schema as {@link #accept} would, recording nothing.
   *
   * @throws NsdbException {@link ErrorCode#SCHEMA_CONFLICT}
   */
  public void check(MetricKey metric, List<Bit> bits) {
    merge(metric, entry(metric).schema().orElse(null), bits);
  }

  private static Schema merge(MetricKey metric, Schema schema, List<Bit> bits) {
    // A batch usually repeats a few column maps (one per series, shared by the writer): a bit
    // whose dimension and tag maps, by identity, and value type were all accepted already cannot
    // change the result (maps are immutable, and accepting is widening), so it is skipped.
    Set<Map<String, Object>> seenDimensions = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Map<String, Object>> seenTags = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<ColumnType> seenValueTypes = EnumSet.noneOf(ColumnType.class);
    Schema merged = schema;
    for (Bit bit : bits) {
      if (merged != null
          && seenDimensions.contains(bit.dimensions())
          && seenTags.contains(bit.tags())
          && seenValueTypes.contains(bit.valueType())) {
        continue;
      }
      merged = merged == null ? Schema.of(metric, bit) : merged.accept(bit);
      seenDimensions.add(bit.dimensions());
      seenTags.add(bit.tags());
      seenValueTypes.add(bit.valueType());
    }
    return merged;
  }

  /**
   * Sets shard interval and retention, allowed only before the metric's first write (as in NSDb);
   * setting the same info again is accepted.
   */
  public synchronized void setInfo(MetricKey metric, MetricInfo info) {
    MetricEntry current = entry(metric);
    if (current.info().isPresent() && current.info().get().equals(info)) {
      return;
    }
    if (current.schema().isPresent() || current.info().isPresent()) {
      throw new NsdbException(
          ErrorCode.METRIC_INFO_ALREADY_SET,
          "metric info can only be set once, before the first write [metric="
              + metric
              + ", current="
              + info(metric)
              + "]");
    }
    store(metric, new MetricEntry(current.schema(), Optional.of(info)));
  }

  /** Forgets a metric: its file and entry. */
  public synchronized void drop(MetricKey metric) {
    try {
      Files.deleteIfExists(file(metric));
    } catch (IOException e) {
      throw new NsdbException(
          ErrorCode.STORAGE_FAILURE, "cannot delete metric entry [metric=" + metric + "]", e);
    }
    entries.remove(metric);
  }

  public Set<String> databases() {
    return collect(null, null);
  }

  public Set<String> namespaces(String db) {
    return collect(db, null);
  }

  public Set<String> metrics(String db, String namespace) {
    return collect(db, namespace);
  }

  /** The metrics of a namespace (or every metric with {@code namespace == null}), sorted. */
  public List<MetricKey> metricKeys(String db, String namespace) {
    return entries.keySet().stream()
        .filter(k -> k.db().equals(db) && (namespace == null || k.namespace().equals(namespace)))
        .sorted(Comparator.comparing(MetricKey::namespace).thenComparing(MetricKey::metric))
        .toList();
  }

  private Set<String> collect(String db, String namespace) {
    Set<String> names = new TreeSet<>();
    for (MetricKey key : entries.keySet()) {
      if (db == null) {
        names.add(key.db());
      } else if (key.db().equals(db) && namespace == null) {
        names.add(key.namespace());
      } else if (key.db().equals(db) && key.namespace().equals(namespace)) {
        names.add(key.metric());
      }
    }
    return names;
  }

  private void store(MetricKey metric, MetricEntry entry) {
    MetadataFile.write(
        file(metric),
        MetricEntryCodec.FORMAT,
        MetricEntryCodec.VERSION,
        MetricEntryCodec.encode(metric, entry));
    entries.put(metric, entry);
  }

  private Path file(MetricKey metric) {
    return root.resolve(metric.db()).resolve(metric.namespace()).resolve(metric.metric() + SUFFIX);
  }
}
