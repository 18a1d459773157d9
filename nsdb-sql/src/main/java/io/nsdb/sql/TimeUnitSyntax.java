package io.nsdb.sql;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The time units of the dialect ({@code now - 2h}, {@code group by interval 5 min}, {@code since
 * 1d}) and the canonical way to write a duration back.
 */
public final class TimeUnitSyntax {

  /** Every accepted spelling, lower case, to its length in milliseconds. */
  private static final Map<String, Long> MILLIS_BY_NAME =
      Map.ofEntries(
          Map.entry("ms", 1L),
          Map.entry("s", 1_000L),
          Map.entry("sec", 1_000L),
          Map.entry("second", 1_000L),
          Map.entry("seconds", 1_000L),
          Map.entry("m", 60_000L),
          Map.entry("min", 60_000L),
          Map.entry("minute", 60_000L),
          Map.entry("minutes", 60_000L),
          Map.entry("h", 3_600_000L),
          Map.entry("hour", 3_600_000L),
          Map.entry("hours", 3_600_000L),
          Map.entry("d", 86_400_000L),
          Map.entry("day", 86_400_000L),
          Map.entry("days", 86_400_000L),
          Map.entry("w", 604_800_000L),
          Map.entry("week", 604_800_000L),
          Map.entry("weeks", 604_800_000L));

  /** The canonical units, largest first: a duration is written in the largest that divides it. */
  private static final List<Map.Entry<String, Long>> CANONICAL =
      List.of(
          Map.entry("w", 604_800_000L),
          Map.entry("d", 86_400_000L),
          Map.entry("h", 3_600_000L),
          Map.entry("m", 60_000L),
          Map.entry("s", 1_000L),
          Map.entry("ms", 1L));

  /** How the units are listed in error messages. */
  public static final String ACCEPTED_UNITS =
      "ms, s (sec, second, seconds), m (min, minute, minutes), h (hour, hours), d (day, days), w"
          + " (week, weeks)";

  private TimeUnitSyntax() {}

  /** The length in milliseconds of one {@code unit}, case-insensitive; empty if unknown. */
  public static Optional<Long> millisOf(String unit) {
    return Optional.ofNullable(MILLIS_BY_NAME.get(unit.toLowerCase(Locale.ROOT)));
  }

  /** {@code 2h}, {@code 90s}, {@code 1500ms}: the largest unit that divides the duration. */
  public static String format(Duration duration) {
    long millis = Math.abs(duration.toMillis());
    for (Map.Entry<String, Long> unit : CANONICAL) {
      if (millis % unit.getValue() == 0 && millis != 0) {
        return (millis / unit.getValue()) + unit.getKey();
      }
    }
    return "0ms";
  }
}
