package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Names the completer offers, read from the server and kept until a statement may have changed them
 * (an insert, a drop, an import: {@link #invalidate()}). A failed read offers nothing rather than
 * disturbing the prompt; it is tried again at the next Tab.
 */
final class Catalog {

  private final ServerClient client;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  Catalog(ServerClient client) {
    this.client = client;
  }

  List<String> databases() {
    return cached("dbs", client::databases);
  }

  List<String> namespaces(String db) {
    return cached("ns/" + db, () -> client.namespaces(db));
  }

  List<String> metrics(String db, String namespace) {
    return cached("metrics/" + db + "/" + namespace, () -> client.metrics(db, namespace));
  }

  /** The metric's columns as DESCRIBE lists them, {@code timestamp} and {@code value} first. */
  List<String> columns(String db, String namespace, String metric) {
    return cached(
        "columns/" + db + "/" + namespace + "/" + metric,
        () -> {
          List<String> names = new ArrayList<>();
          for (JsonNode field : client.describe(db, namespace, metric).path("fields")) {
            names.add(field.path("name").asText());
          }
          return names;
        });
  }

  void invalidate() {
    cache.clear();
  }

  private List<String> cached(String key, Supplier<List<String>> read) {
    List<String> names = cache.get(key);
    if (names != null) {
      return names;
    }
    try {
      names = List.copyOf(read.get());
    } catch (ShellError e) {
      return List.of();
    }
    cache.put(key, names);
    return names;
  }
}
