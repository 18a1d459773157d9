package io.nsdb.cluster.shell;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A value as text in a table or CSV cell: numbers as the server wrote them, a missing value as
 * nothing, and a {@code timestamp} as ISO-8601 UTC with milliseconds ({@code
 * 2024-01-01T00:00:00.000Z}) unless the session asks for raw epoch milliseconds ({@code \timestamps
 * epoch}), since an epoch is unreadable but exact and what the API speaks.
 */
final class CellText {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CellText() {}

  static String of(JsonNode value, String column, boolean epoch) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (!epoch && column.equals(RecordColumns.TIMESTAMP) && value.canConvertToLong()) {
      return timestamp(value.asLong());
    }
    return value.asText();
  }

  static String timestamp(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }
}
