package io.nsdb.sql.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code SELECT [DISTINCT] items FROM metric [WHERE c] [GROUP BY g] [ORDER BY o] [SINCE d] [LIMIT
 * n]}.
 */
public record Select(
    boolean distinct,
    List<SelectItem> items,
    Identifier metric,
    Optional<Condition> where,
    Optional<GroupBy> groupBy,
    Optional<OrderBy> orderBy,
    Optional<Duration> since,
    OptionalLong limit)
    implements Statement {

  public Select {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a select needs at least one item");
    }
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(groupBy, "groupBy");
    Objects.requireNonNull(orderBy, "orderBy");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(limit, "limit");
  }

  /** The aggregations among the items, in select order. */
  public List<Aggregation> aggregations() {
    return items.stream()
        .filter(Aggregation.class::isInstance)
        .map(Aggregation.class::cast)
        .toList();
  }

  /**
   * This select with {@code extra} AND-ed to its WHERE (or as its WHERE when it has none), the
   * conjuncts of both flattened into one AND: how NSDb's REST {@code from}, {@code to} and {@code
   * filters} become part of a statement.
   */
  public Select withWhereAnd(Condition extra) {
    Objects.requireNonNull(extra, "extra");
    Condition combined = extra;
    if (where.isPresent()) {
      List<Condition> conjuncts = new ArrayList<>();
      for (Condition condition : List.of(where.get(), extra)) {
        if (condition instanceof And and) {
          conjuncts.addAll(and.operands());
        } else {
          conjuncts.add(condition);
        }
      }
      combined = new And(conjuncts);
    }
    return new Select(
        distinct, items, metric, Optional.of(combined), groupBy, orderBy, since, limit);
  }

  public boolean isAggregate() {
    return items.stream().anyMatch(Aggregation.class::isInstance);
  }
}
