package io.nsdb.core.query;

import io.nsdb.core.ErrorCode;
import io.nsdb.core.NsdbException;
import io.nsdb.core.codec.ValueKind;
import io.nsdb.core.engine.Storage;
import io.nsdb.core.model.ColumnType;
import io.nsdb.core.model.MetricKey;
import io.nsdb.core.scan.Scan;
import io.nsdb.core.schema.Schema;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.IntervalGroupBy;
import io.nsdb.sql.tree.Select;
import io.nsdb.sql.tree.TagGroupBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes SELECT statements over a {@link Storage}: bind, plan, scan, compute. Thread-safe and
 * stateless between queries; every query sees every write acknowledged before it started.
 */
public final class QueryEngine {

  private final Storage storage;
  private final QueryLimits limits;

  public QueryEngine(Storage storage) {
    this(storage, QueryLimits.DEFAULTS);
  }

  public QueryEngine(Storage storage, QueryLimits limits) {
    this.storage = storage;
    this.limits = limits;
  }

  /** Runs {@code select} on {@code metric} with {@code now} read as {@code nowMillis}. */
  public QueryResult execute(MetricKey metric, Select select, long nowMillis) {
    return execute(metric, select, Optional.empty(), nowMillis);
  }

  /**
   * Runs {@code select} with an extra condition AND-ed to its WHERE (NSDb's REST {@code from},
   * {@code to} and {@code filters} arrive this way).
   */
  public QueryResult execute(
      MetricKey metric, Select select, Optional<Condition> extraFilter, long nowMillis) {
    Deadline deadline = new Deadline(limits.timeout());
    Schema schema = schemaOf(metric, select);
    SelectBinder.bind(select, schema);
    Optional<Condition> where = and(select.where(), extraFilter);
    QueryPlanner.Plan plan = QueryPlanner.plan(where, schema, nowMillis);
    TimeRange range = plan.range();
    if (select.since().isPresent() && select.groupBy().orElse(null) instanceof IntervalGroupBy) {
      long sinceMillis = select.since().get().toMillis();
      range = range.intersect(new TimeRange(nowMillis - sinceMillis, Long.MAX_VALUE));
    }
    ValueKind kind = schema.valueType() == ColumnType.DECIMAL ? ValueKind.DOUBLE : ValueKind.LONG;
    TimeRange scanned = range;
    PlainSelect.Visit visit =
        (handler, order) -> {
          if (scanned.isEmpty()) {
            return;
          }
          Scan scan = storage.scan(metric, scanned.from(), scanned.to(), plan.filter());
          new ChunkVisitor(scanned, plan.residual(), deadline).visit(scan, handler, order);
        };
    List<ResultRow> rows;
    if (select.isAggregate() && where.isEmpty() && AggregateSelect.countsOnly(select)) {
      // count(*) over everything: the metric's point counter answers.
      return new QueryResult(
          AggregateSelect.countRow(select.aggregations(), storage.countPoints(metric)));
    }
    boolean summaries =
        select.isAggregate()
            && plan.residual().isEmpty()
            && AggregateSelect.summariesSuffice(select);
    if (summaries && select.groupBy().orElse(null) instanceof TagGroupBy tag) {
      String column = tag.tag().value();
      rows =
          AggregateSelect.byColumnFromSummaries(
              select,
              column,
              kind,
              scanned,
              limits,
              deadline,
              consumer -> {
                if (!scanned.isEmpty()) {
                  storage.summarizeGrouped(
                      metric, scanned.from(), scanned.to(), plan.filter(), column, consumer);
                }
              });
    } else if (summaries) {
      rows =
          AggregateSelect.globalFromSummaries(
              select,
              kind,
              scanned,
              deadline,
              consumer -> {
                if (!scanned.isEmpty()) {
                  storage.summarize(metric, scanned.from(), scanned.to(), plan.filter(), consumer);
                }
              });
    } else if (select.isAggregate()) {
      rows = AggregateSelect.rows(select, kind, range, limits, visit);
    } else if (select.distinct()) {
      rows = PlainSelect.distinct(select, schema, limits, visit);
    } else {
      rows = PlainSelect.rows(select, kind, limits, visit);
    }
    return new QueryResult(rows);
  }

  /**
   * Checks {@code select} (with {@code extraFilter} AND-ed) against the metric's schema exactly as
   * {@link #execute} would, without reading any data: the same errors, or nothing.
   */
  public void validate(
      MetricKey metric, Select select, Optional<Condition> extraFilter, long nowMillis) {
    Schema schema = schemaOf(metric, select);
    SelectBinder.bind(select, schema);
    QueryPlanner.plan(and(select.where(), extraFilter), schema, nowMillis);
  }

  private Schema schemaOf(MetricKey metric, Select select) {
    return storage
        .describe(metric)
        .orElseThrow(
            () ->
                new NsdbException(
                    ErrorCode.UNKNOWN_METRIC,
                    select.metric().position(),
                    "metric does not exist [metric=" + metric + "]"));
  }

  private static Optional<Condition> and(Optional<Condition> where, Optional<Condition> extra) {
    if (where.isEmpty()) {
      return extra;
    }
    if (extra.isEmpty()) {
      return where;
    }
    List<Condition> conjuncts = new ArrayList<>();
    for (Condition condition : List.of(where.get(), extra.get())) {
      if (condition instanceof And and) {
        conjuncts.addAll(and.operands());
      } else {
        conjuncts.add(condition);
      }
    }
    return Optional.of(new And(conjuncts));
  }
}
