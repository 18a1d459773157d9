/**
 * What runs a node: the launcher ({@link io.nsdb.cluster.NsdbMain}), configuration loading, Pekko
 * Cluster wiring, and the SQL shell ({@code io.nsdb.cluster.shell}).
 */
package io.nsdb.cluster;
