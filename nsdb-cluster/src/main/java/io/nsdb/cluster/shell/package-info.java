/**
 * The SQL shell, in two modes.
 *
 * <p>{@code ./nsdb shell} ({@link io.nsdb.cluster.shell.ShellMain}) is a client of a running
 * server, over its HTTP API and its {@code /ws-stream} WebSocket, never the storage directly: the
 * shell is what any remote user runs. One engine ({@code Shell}) serves both of its faces: the
 * interactive one on JLine ({@code InteractiveShell}: history, multi-line statements, completion
 * from the server's catalog, Ctrl-C routed to the running statement through {@code CancelSignal})
 * and the scripted one ({@code ScriptRunner}: {@code -e}, {@code -f}, standard input, exit status).
 * A statement is parsed here before it is sent, so a typo is caught with its caret without a round
 * trip, then sent as typed so the server's positions point into it too; each statement goes to the
 * route closest to it ({@code StatementRunner}, {@code InsertMapping}), {@code SUBSCRIBE} to the
 * stream ({@code Subscription}) and {@code \import} in batches whose refused lines are isolated
 * ({@code Importer}). Results are written by one {@code RowWriter} per format, so a query and a
 * live subscription print the same way.
 *
 * <p>{@code ./nsdb explain} ({@link io.nsdb.cluster.shell.ExplainMain}) is the offline
 * parse-and-explain mode: statements are parsed, checked and shown in canonical form and as a tree,
 * errors with a caret under the offending column ({@code ErrorCaret}, shared with the client).
 */
package io.nsdb.cluster.shell;
