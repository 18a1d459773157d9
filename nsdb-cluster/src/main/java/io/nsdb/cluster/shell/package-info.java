/**
 * The SQL shell. For now its parse-and-explain mode: statements are parsed, checked and shown in
 * canonical form and as a tree, errors with a caret under the offending column. The interactive
 * client of the server (the shell issue) grows from here.
 */
package io.nsdb.cluster.shell;
