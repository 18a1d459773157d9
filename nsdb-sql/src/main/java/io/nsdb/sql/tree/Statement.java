package io.nsdb.sql.tree;

/** One statement of the dialect. */
public sealed interface Statement permits Select, Insert, Delete, DropMetric, Show, Describe, Use {}
