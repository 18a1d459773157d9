/**
 * Schemas by inference and metric info.
 *
 * <p>The first bit of a metric fixes the value type and each column's type and kind (dimension or
 * tag); later bits must agree. The rules ({@link io.nsdb.core.schema.Schema#accept}):
 *
 * <ul>
 *   <li>a new column is added to the schema;
 *   <li>integers widen: an INT column offered a BIGINT becomes BIGINT, a BIGINT column takes INTs;
 *   <li>a DECIMAL column (or value) takes integers, stored as decimals; an integer column offered a
 *       decimal is a conflict, because its stored values would change meaning;
 *   <li>VARCHAR and numbers never mix; a dimension is never a tag, nor the reverse.
 * </ul>
 *
 * <p>A conflict is rejected with {@link io.nsdb.core.ErrorCode#SCHEMA_CONFLICT}, naming the metric,
 * the column, the stored type and the offered type, and changes nothing.
 *
 * <p>{@link io.nsdb.core.schema.MetricInfo} (shard interval, retention) can be set once, before the
 * metric's first write, as in NSDb.
 */
package io.nsdb.core.schema;
