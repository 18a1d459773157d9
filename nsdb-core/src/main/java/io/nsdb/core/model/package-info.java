/**
 * The data model: a {@link io.nsdb.core.model.Bit} is one point of a metric (timestamp, value,
 * dimensions, tags), a {@link io.nsdb.core.model.MetricKey} names the metric it belongs to (db →
 * namespace → metric), and {@link io.nsdb.core.model.ColumnType} is the type of a value or column.
 */
package io.nsdb.core.model;
