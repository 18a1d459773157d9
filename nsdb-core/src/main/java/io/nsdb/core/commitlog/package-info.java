/**
 * The commit log (write-ahead log): every accepted change is appended to it, gets its LSNs, and is
 * made durable before it is acknowledged; after a crash it hands back what the indexes do not hold
 * yet. An acknowledged write is never lost.
 *
 * <h2>API</h2>
 *
 * <pre>{@code
 * CommitLog log = CommitLog.open(dir, CommitLogConfig.defaults());   // recovers the directory
 * log.replay(indexCoveredLsn, logged -> head.apply(logged));         // entries after that LSN
 * long first = log.append(new LogEntry.Insert(metric, bits));        // bit i has LSN first + i
 * log.awaitDurable(first);                                           // then acknowledge
 * log.checkpoint(indexCoveredLsn);                                   // drop covered segments
 * }</pre>
 *
 * <p>LSNs start at 1, grow by one per LSN consumed (an {@link
 * io.nsdb.core.commitlog.LogEntry.Insert} consumes one per bit, every other entry one) and are
 * never reused: not after a restart, and not after every segment was deleted, because a segment's
 * header carries its first LSN and the active segment is never deleted. (If a machine crash loses
 * acknowledged writes under {@code INTERVAL} or {@code NONE}, their LSNs are lost with them and
 * will be given again.)
 *
 * <h2>Files</h2>
 *
 * A directory of segment files named {@code commitlog-<first LSN as 20 decimal digits>.log}, so
 * that names sort like LSNs; other files are ignored. Only the newest segment (the active one) is
 * ever written to; it rolls to a new segment when the next record would take it past {@code
 * segment-size} (default 64 MiB; a record larger than that gets a segment of its own). All integers
 * of fixed width are big-endian; a <em>varint</em> is unsigned LEB128 (7 bits per byte, least
 * significant group first, high bit set on every byte but the last, at most 10 bytes); a <em>zigzag
 * varint</em> maps {@code 0, -1, 1, -2, ...} to {@code 0, 1, 2, 3, ...} first; a <em>string</em> is
 * a varint byte count then that many bytes of UTF-8.
 *
 * <h3>Segment header (35 bytes)</h3>
 *
 * <pre>
 * offset  size  field
 *      0     4  magic: 'N' 'S' 'D' 'B' (0x4E 0x53 0x44 0x42)
 *      4     1  length of the format name: 14
 *      5    14  format name, ASCII: "nsdb-commitlog"
 *     19     4  format version: 1
 *     23     8  first LSN of the segment; equals the number in the file name
 *     31     4  CRC32C of bytes 0..30
 * </pre>
 *
 * <h3>Records, from offset 35 to the end of the file</h3>
 *
 * <pre>
 * offset  size    field
 *      0     4    L: length of the body (bytes 8 .. 8+L-1), 10 &lt;= L &lt;= 2^30
 *      4     4    CRC32C of bytes 0..3 (the length) followed by the L bytes of the body
 *      8     8    first LSN; exactly the previous record's last LSN + 1 (the segment's first LSN
 *                 for its first record)
 *     16     1    type: 1 INSERT, 2 DELETE, 3 DROP_METRIC, 4 DROP_NAMESPACE
 *     17  varint  LSN count n: the number of bits for INSERT, 1 for the other types
 *      …          payload, by type:
 * </pre>
 *
 * <ul>
 *   <li>DROP_METRIC: strings db, namespace, metric.
 *   <li>DROP_NAMESPACE: strings db, namespace.
 *   <li>DELETE: strings db, namespace, metric, then the canonical SQL of the condition.
 *   <li>INSERT: strings db, namespace, metric; a string table (varint count, then the strings:
 *       every column name and every VARCHAR column value of the record, once each); then n bits:
 *       <ol>
 *         <li>zigzag varint: timestamp minus the previous bit's timestamp (0 before the first), in
 *             wrapping 64-bit arithmetic;
 *         <li>varint: dimension count × 2, plus 1 if the value is a DECIMAL (double);
 *         <li>varint: tag count;
 *         <li>the value: 8 bytes of IEEE 754 bits ({@code doubleToRawLongBits}, so -0.0 stays) for
 *             a DECIMAL, a zigzag varint for a BIGINT (long);
 *         <li>the dimensions, then the tags, each as a varint (index of its name in the table × 4 +
 *             kind) and a value by kind: 0 VARCHAR → varint index of the string in the table; 1 INT
 *             → zigzag varint; 2 BIGINT → zigzag varint; 3 DECIMAL → 8 bytes of IEEE 754 bits.
 *       </ol>
 * </ul>
 *
 * A payload must decode to exactly one valid entry with no byte left over. A thousand bits with two
 * string dimensions whose values repeat take about 10 bytes each. A string that has no UTF-8 form
 * (an unpaired surrogate) is refused at append.
 *
 * <h2>Sync policies, and what each risks</h2>
 *
 * {@link io.nsdb.core.commitlog.CommitLog#append} writes the whole record with one positional
 * {@code FileChannel.write} before it returns: from then on the record is in the operating system's
 * page cache, and a crash of the JVM alone cannot lose it under any policy. The policies ({@code
 * nsdb.commit-log.sync}) differ on a crash of the machine (power loss, kernel panic, hypervisor
 * failure), and decide when {@link io.nsdb.core.commitlog.CommitLog#awaitDurable} returns:
 *
 * <ul>
 *   <li>{@code ALWAYS} (default): once an fsync ({@code FileChannel.force(false)}, i.e. fdatasync,
 *       which includes the file size) covering the record has returned. Waiters share fsyncs: the
 *       first waiter to find no fsync running becomes the leader and forces the file for every
 *       record written so far; the others park and are all woken when it is done; those it covered
 *       return, the next uncovered one leads the next fsync. A machine crash loses nothing that was
 *       acknowledged — provided the disk honours fsync (a drive with a volatile write cache and no
 *       flush support does not).
 *   <li>{@code INTERVAL}: at once. A daemon thread named {@code nsdb-commitlog-sync-<dir>} forces
 *       the active segment every {@code sync-interval} (default 10 ms) after the previous fsync
 *       finished. A machine crash loses the writes acknowledged since the start of the last
 *       completed fsync: up to one interval plus one fsync's duration.
 *   <li>{@code NONE}: at once; the log forces only when it rolls to a new segment and on close. A
 *       machine crash loses whatever the OS had not written back (with Linux defaults, up to about
 *       30 s of writes). For tests and bulk loads.
 * </ul>
 *
 * Under every policy, rolling forces the old segment before the new one is created, and creating a
 * segment forces its header and the directory; so every segment but the newest is whole on disk,
 * and {@link io.nsdb.core.commitlog.CommitLog#durableLsn} only counts LSNs that are. An I/O error
 * while writing or forcing fails the log for good (after a failed fsync the OS may have dropped the
 * dirty pages, and a later fsync that succeeds proves nothing); only reopening recovers it.
 *
 * <h2>Recovery rules</h2>
 *
 * {@link io.nsdb.core.commitlog.CommitLog#open} reads every segment, oldest first:
 *
 * <ol>
 *   <li>Each segment must continue the LSNs of the one before (its first LSN is the previous last
 *       LSN + 1); a missing middle segment or an overlap stops the opening. A missing
 *       <em>oldest</em> segment is what a checkpoint leaves and is fine.
 *   <li>Every header is checked: magic, format name, version, checksum, and first LSN equal to the
 *       one in the file name. The one exception is the newest segment when it holds no more than a
 *       header's bytes and those are zeros or the start of the header its name implies: a crash
 *       during its creation. Its header is written again, and the log goes on from its first LSN.
 *   <li>Every record is checked: length in range and within the file, checksum, LSN exactly the one
 *       expected, known type, LSN count valid for the type.
 *   <li>A record in the newest segment that is cut short, out of range or fails its checksum is a
 *       <em>torn tail</em> if no valid record follows it: no offset after it holds a record whose
 *       checksum matches and whose LSN lies after the last valid one, within the distance the
 *       skipped bytes could explain. A torn tail is truncated at the end of the last whole record,
 *       forced, and logged (a warning naming the file, offset, bytes dropped and reason).
 *   <li>Anything else — a bad record with a valid one after it, a bad record in any older segment,
 *       a record that passes its checksum but carries the wrong LSN, type or count — stops the
 *       opening with a {@link io.nsdb.core.commitlog.CorruptCommitLogException} naming the file,
 *       the byte offset, what was expected and what was found. Nothing is skipped silently; an
 *       operator decides what to do with the file.
 * </ol>
 *
 * The newest segment is then forced (its bytes may be in the page cache only, left by a process
 * that crashed) and becomes the active segment. One case is reported as corruption although a crash
 * alone can cause it: a file system that, on power loss, persists a later page of an unsynced tail
 * but not an earlier one leaves valid records after a hole. They were never acknowledged under
 * {@code ALWAYS}, but recovery cannot tell that from damage in the middle of the log.
 *
 * <p>{@link io.nsdb.core.commitlog.CommitLog#replay} re-reads the segments, checking every record
 * again, and decodes only the entries after the given LSN; an insert that straddles it comes
 * trimmed to its later bits. {@link io.nsdb.core.commitlog.CommitLog#checkpoint} deletes segments
 * oldest first, each deletion made durable (directory fsync) before the next, so a crash leaves a
 * gap-free run of segments.
 *
 * <p>All file access goes through {@link io.nsdb.core.io.FileIo}; the tests use an in-memory
 * implementation that can crash, keeping only forced bytes and directory entries (plus, at random,
 * part of the unforced tail).
 */
package io.nsdb.core.commitlog;
