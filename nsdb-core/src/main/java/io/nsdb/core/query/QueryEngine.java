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
import java.util.NavigableSet;
import java.util.Optional;

/**
 * Executes SELECT statements over a {@link Storage}: bind, plan, scan, compute. Thread-safe and
 * stateless between queries; every query sees every write acknowledged before it started. {@link
 * #live} starts the continuous evaluation of a SELECT with the same binding, planning and scan.
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
    Prepared query = prepare(metric, select, extraFilter, nowMillis);
    if (select.isAggregate() && query.where().isEmpty() && AggregateSelect.countsOnly(select)) {
      // count(*) over everything: the metric's point counter answers.
      return new QueryResult(
          AggregateSelect.countRow(select.aggregations(), storage.countPoints(metric)));
    }
    List<ResultRow> rows;
    if (select.isAggregate()) {
      rows = groups(query).rows(select, limits);
    } else if (select.distinct()) {
      rows = PlainSelect.distinct(select, query.schema(), limits, query.visit());
    } else {
      rows = PlainSelect.rows(select, query.kind(), limits, query.visit());
    }
    return new QueryResult(rows);
  }

  /**
   * Starts evaluating {@code select} continuously on {@code metric}: bound and planned exactly as
   * {@link #execute} does (the same errors, with their positions), its history computed at {@code
   * nowMillis} row for row as {@code execute} answers, and in the same pass over the data the state
   * the query goes on from (every group, every distinct value, whatever the LIMIT). The caller must
   * keep writes to the metric out while this runs, so that history and state are one consistent
   * cut, and then feed the query every later bit its WHERE selects ({@link LiveQuery#accept}).
   *
   * <p>{@code count(*)} without WHERE is not answered from the point counter here, as {@code
   * execute} does: a counter gives a number, not the groups to go on from; the summaries answer
   * instead, with the same result.
   *
   * @throws io.nsdb.core.NsdbException as {@code execute} would, and RESULT_TOO_LARGE when a
   *     DISTINCT's values or an aggregation's groups already exceed {@code maxRows}
   */
  public LiveQuery live(MetricKey metric, Select select, long nowMillis) {
    Prepared query = prepare(metric, select, Optional.empty(), nowMillis);
    if (select.isAggregate()) {
      Groups groups = groups(query);
      return new LiveAggregation(
          select, query.kind(), limits, groups, groups.rows(select, limits), nowMillis);
    }
    if (select.distinct()) {
      NavigableSet<Object> values = PlainSelect.distinctValues(select, limits, query.visit());
      return new LiveDistinct(
          select,
          query.schema(),
          limits,
          values,
          PlainSelect.distinctRows(select, query.schema(), values));
    }
    return new LiveRows(
        select, query.kind(), PlainSelect.rows(select, query.kind(), limits, query.visit()));
  }

  /** A bound and planned select, with the scan of its points ready to run (lazily). */
  private record Prepared(
      MetricKey metric,
      Select select,
      Schema schema,
      ValueKind kind,
      Optional<Condition> where,
      QueryPlanner.Plan plan,
      TimeRange range,
      Deadline deadline,
      PlainSelect.Visit visit) {}

  private Prepared prepare(
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
    return new Prepared(metric, select, schema, kind, where, plan, range, deadline, visit);
  }

  /** The groups of an aggregate select, from chunk summaries where they answer. */
  private Groups groups(Prepared query) {
    Select select = query.select();
    MetricKey metric = query.metric();
    TimeRange range = query.range();
    QueryPlanner.Plan plan = query.plan();
    boolean summaries = plan.residual().isEmpty() && AggregateSelect.summariesSuffice(select);
    if (summaries && select.groupBy().orElse(null) instanceof TagGroupBy tag) {
      String column = tag.tag().value();
      return AggregateSelect.byColumnFromSummaries(
          select,
          column,
          query.kind(),
          range,
          limits,
          query.deadline(),
          consumer -> {
            if (!range.isEmpty()) {
              storage.summarizeGrouped(
                  metric, range.from(), range.to(), plan.filter(), column, consumer);
            }
          });
    }
    if (summaries) {
      return AggregateSelect.globalFromSummaries(
          select,
          query.kind(),
          range,
          query.deadline(),
          consumer -> {
            if (!range.isEmpty()) {
              storage.summarize(metric, range.from(), range.to(), plan.filter(), consumer);
            }
          });
    }
    return AggregateSelect.groups(select, query.kind(), range, limits, query.visit());
  }

  /**
   * Checks {@code select} (with {@code extraFilter} AND-ed) against the metric's schema exactly as
   * {@link #execute} would, without reading any data: the same errors, or nothing.
   */
  public void validate(
      MetricKey metric, Select select, Optional<Condition> extraFilter, long nowMillis) {
    prepare(metric, select, extraFilter, nowMillis); // binds and plans; the scan is not run
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
