package io.nsdb.core.catalog;

import io.nsdb.core.schema.MetricInfo;
import io.nsdb.core.schema.Schema;
import java.util.Optional;

/**
 * What the catalog knows of one metric: its schema once it has been written to, and its metric info
 * if it was set (otherwise the configured defaults apply).
 */
public record MetricEntry(Optional<Schema> schema, Optional<MetricInfo> info) {

  static final MetricEntry EMPTY = new MetricEntry(Optional.empty(), Optional.empty());
}
