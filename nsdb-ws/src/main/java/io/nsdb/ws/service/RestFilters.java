package io.nsdb.ws.service;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.tree.And;
import io.nsdb.sql.tree.Comparison;
import io.nsdb.sql.tree.ComparisonOperator;
import io.nsdb.sql.tree.Condition;
import io.nsdb.sql.tree.DoubleLiteral;
import io.nsdb.sql.tree.Identifier;
import io.nsdb.sql.tree.Like;
import io.nsdb.sql.tree.LikePattern;
import io.nsdb.sql.tree.Literal;
import io.nsdb.sql.tree.LongLiteral;
import io.nsdb.sql.tree.NullCheck;
import io.nsdb.sql.tree.StringLiteral;
import io.nsdb.ws.http.ApiErrorCode;
import io.nsdb.ws.http.ApiException;
import io.nsdb.ws.json.FilterSpec;
import io.nsdb.ws.json.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NSDb's REST enrichments as one condition for the engine to AND to the statement's WHERE: {@code
 * from} is {@code timestamp >= from}, {@code to} is {@code timestamp <= to} (both inclusive, as
 * NSDb's range), each filter its comparison, LIKE or null check. The engine checks the columns and
 * types as it does the statement's own.
 */
final class RestFilters {

  private RestFilters() {}

  static Optional<Condition> condition(QueryRequest request) {
    List<Condition> conjuncts = new ArrayList<>();
    request
        .from()
        .ifPresent(
            from ->
                conjuncts.add(
                    new Comparison(
                        column("timestamp"),
                        ComparisonOperator.GREATER_THAN_OR_EQUAL,
                        new LongLiteral(from))));
    request
        .to()
        .ifPresent(
            to ->
                conjuncts.add(
                    new Comparison(
                        column("timestamp"),
                        ComparisonOperator.LESS_THAN_OR_EQUAL,
                        new LongLiteral(to))));
    for (FilterSpec filter : request.filters()) {
      conjuncts.add(condition(filter));
    }
    return switch (conjuncts.size()) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(conjuncts.get(0));
      default -> Optional.of(new And(conjuncts));
    };
  }

  private static Condition condition(FilterSpec filter) {
    Identifier column = column(filter.dimension());
    return switch (filter.operator()) {
      case EQUAL -> compare(column, ComparisonOperator.EQUAL, filter);
      case GREATER_THAN -> compare(column, ComparisonOperator.GREATER_THAN, filter);
      case GREATER_THAN_OR_EQUAL ->
          compare(column, ComparisonOperator.GREATER_THAN_OR_EQUAL, filter);
      case LESS_THAN -> compare(column, ComparisonOperator.LESS_THAN, filter);
      case LESS_THAN_OR_EQUAL -> compare(column, ComparisonOperator.LESS_THAN_OR_EQUAL, filter);
      case LIKE -> new Like(column, pattern(filter));
      case IS_NULL -> new NullCheck(column, false);
      case IS_NOT_NULL -> new NullCheck(column, true);
    };
  }

  private static Comparison compare(
      Identifier column, ComparisonOperator operator, FilterSpec filter) {
    Literal literal =
        switch (filter.value().orElseThrow()) {
          case String text -> new StringLiteral(text);
          case Long number -> new LongLiteral(number);
          case Double number -> new DoubleLiteral(number);
          default -> throw new IllegalStateException("filter value " + filter.value());
        };
    return new Comparison(column, operator, literal);
  }

  private static LikePattern pattern(FilterSpec filter) {
    try {
      return new LikePattern((String) filter.value().orElseThrow());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_FILTER, e.getMessage() + " [dimension=" + filter.dimension() + "]");
    }
  }

  private static Identifier column(String name) {
    Names.check("dimension", name);
    return new Identifier(name, SourcePosition.UNKNOWN);
  }
}
