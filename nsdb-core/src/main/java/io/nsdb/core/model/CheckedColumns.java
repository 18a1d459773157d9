package io.nsdb.core.model;

import java.util.Map;

/**
 * Column maps that passed {@link Bit}'s checks lately, remembered by identity per thread. Writers
 * hand the same immutable map to every point of a series (the line-protocol parser's series cache,
 * a batch's shared maps); a bit built on a map checked before skips the name and type checks, which
 * otherwise cost more than the rest of building the bit. Only immutable maps (what {@link
 * Map#copyOf} returns) are remembered, so a map found here still holds what was checked.
 */
final class CheckedColumns {

  // Enough for a few thousand series interleaved (a batch goes host by host at each instant).
  private static final int SLOTS = 4096;

  private static final ThreadLocal<Object[]> RECENT =
      ThreadLocal.withInitial(() -> new Object[SLOTS]);

  private CheckedColumns() {}

  static boolean contains(Map<String, Object> columns) {
    return RECENT.get()[slot(columns)] == columns;
  }

  static void add(Map<String, Object> columns) {
    RECENT.get()[slot(columns)] = columns;
  }

  private static int slot(Map<String, Object> columns) {
    return System.identityHashCode(columns) & (SLOTS - 1);
  }
}
