package io.nsdb.cluster.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: keywords that can come next, metric names where a metric is named (after {@code
 * FROM}, {@code INTO}, {@code DESCRIBE}, {@code DROP METRIC}), namespaces after {@code USE}, and
 * elsewhere in a statement the columns of its metric; metrics and columns come from the server
 * ({@link Catalog}). Keywords are offered in the case the word (or else the statement) is typed in.
 */
final class SqlCompleter implements Completer {

  /** What a completion offers: the text, and its kind (shown as the group). */
  record Offer(String value, String group) {}

  static final List<String> COMMANDS =
      List.of("\\help", "\\format", "\\timing", "\\timestamps", "\\import", "\\watch", "\\quit");

  private static final List<String> STARTS =
      List.of("SELECT", "INSERT", "DELETE", "DROP", "SHOW", "DESCRIBE", "USE", "SUBSCRIBE");
  private static final List<String> FUNCTIONS =
      List.of("count", "sum", "min", "max", "avg", "first", "last");
  private static final List<String> SELECT_LIST = List.of("DISTINCT", "FROM");
  private static final List<String> CONDITION =
      List.of("WHERE", "AND", "OR", "NOT", "IN", "LIKE", "IS", "NULL", "NOW");
  private static final List<String> SELECT_TAIL =
      List.of("GROUP", "BY", "INTERVAL", "ORDER", "ASC", "DESC", "SINCE", "LIMIT");
  private static final List<String> INSERT_PARTS = List.of("TS", "DIM", "TAGS", "VAL");
  private static final Pattern METRIC =
      Pattern.compile("(?i)\\b(?:from|into|describe|metric)\\s+([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern TOKEN =
      Pattern.compile("'(?:[^']|'')*'?|[A-Za-z_][A-Za-z0-9_]*|\\S");

  private final Catalog catalog;
  private final Session session;

  SqlCompleter(Catalog catalog, Session session) {
    this.catalog = catalog;
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (Offer offer : offers(line.line(), line.cursor())) {
      boolean partial = offer.value().endsWith(".");
      candidates.add(
          new Candidate(offer.value(), offer.value(), offer.group(), null, null, null, !partial));
    }
  }

  /** Everything that could complete the word at {@code cursor} in {@code buffer}. */
  List<Offer> offers(String buffer, int cursor) {
    String before = buffer.substring(0, cursor);
    ParsedLine word = ShellLineParser.completionLine(buffer, cursor);
    String typed = word.word().substring(0, word.wordCursor());
    if (before.stripLeading().startsWith("\\")) {
      return command(before.stripLeading(), typed);
    }
    String statement = currentStatement(before);
    List<String> tokens = tokens(statement.substring(0, statement.length() - typed.length()));
    // The case of the word being typed, else of the statement's first word.
    Case keywordCase =
        Case.of(
            typed.chars().anyMatch(Character::isLetter) || tokens.isEmpty()
                ? typed
                : tokens.get(0));
    List<Offer> offers = new ArrayList<>();
    if (tokens.isEmpty()) {
      keywords(offers, STARTS, keywordCase);
      return offers;
    }
    String previous = tokens.get(tokens.size() - 1).toLowerCase(Locale.ROOT);
    String first = tokens.get(0).toLowerCase(Locale.ROOT);
    switch (previous) {
      case "from", "into", "describe", "metric" -> {
        names(offers, catalog.metrics(session.database(), session.namespace()), "metrics");
        return offers;
      }
      case "show" -> {
        keywords(offers, List.of("DATABASES", "NAMESPACES", "METRICS"), keywordCase);
        return offers;
      }
      case "use" -> {
        use(offers, typed);
        return offers;
      }
      case "insert" -> {
        keywords(offers, List.of("INTO"), keywordCase);
        return offers;
      }
      case "delete" -> {
        keywords(offers, List.of("FROM"), keywordCase);
        return offers;
      }
      case "drop" -> {
        keywords(offers, List.of("METRIC"), keywordCase);
        return offers;
      }
      case "subscribe" -> {
        keywords(offers, List.of("SELECT"), keywordCase);
        return offers;
      }
      default -> {}
    }
    String metric = metricOf(statement + restOfStatement(buffer, cursor));
    if (metric != null) {
      names(offers, catalog.columns(session.database(), session.namespace(), metric), "columns");
    }
    switch (first) {
      case "select", "subscribe" -> {
        if (tokens.stream().noneMatch(t -> t.equalsIgnoreCase("from"))) {
          names(offers, FUNCTIONS, "functions");
          keywords(offers, SELECT_LIST, keywordCase);
        } else {
          keywords(offers, CONDITION, keywordCase);
          keywords(offers, SELECT_TAIL, keywordCase);
        }
      }
      case "insert" -> keywords(offers, INSERT_PARTS, keywordCase);
      case "delete" -> keywords(offers, CONDITION, keywordCase);
      default -> {}
    }
    return offers;
  }

  private List<Offer> command(String before, String typed) {
    List<Offer> offers = new ArrayList<>();
    String[] parts = before.split("\\s+", -1);
    if (parts.length <= 1) {
      names(offers, COMMANDS, "commands");
      return offers;
    }
    switch (parts[0]) {
      case "\\format" -> names(offers, List.of("table", "csv", "json"), "formats");
      case "\\timing" -> names(offers, List.of("on", "off"), "settings");
      case "\\timestamps" -> names(offers, List.of("iso", "epoch"), "settings");
      case "\\watch" -> {
        String select = before.substring(before.indexOf(parts[0]) + parts[0].length());
        return offers(select, select.length());
      }
      default -> {}
    }
    return offers;
  }

  /** After USE: namespaces of the current database, or of {@code db.} once that is typed. */
  private void use(List<Offer> offers, String typed) {
    int dot = typed.indexOf('.');
    if (dot > 0) {
      String db = typed.substring(0, dot);
      for (String namespace : catalog.namespaces(db)) {
        offers.add(new Offer(db + "." + namespace, "namespaces"));
      }
      return;
    }
    names(offers, catalog.namespaces(session.database()), "namespaces");
    for (String db : catalog.databases()) {
      offers.add(new Offer(db + ".", "databases"));
    }
  }

  /** The statement the cursor is in: the text after the last {@code ;} before it. */
  private static String currentStatement(String before) {
    if (StatementSplitter.isComplete(before)) {
      return "";
    }
    List<StatementSplitter.Piece> pieces = StatementSplitter.split(before);
    String last = pieces.isEmpty() ? "" : pieces.get(pieces.size() - 1).text();
    return before.substring(before.length() - last.length());
  }

  private static String restOfStatement(String buffer, int cursor) {
    String rest = buffer.substring(cursor);
    int end = rest.indexOf(';');
    return end < 0 ? rest : rest.substring(0, end);
  }

  private static String metricOf(String statement) {
    Matcher matcher = METRIC.matcher(statement);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text.replaceAll("--[^\\n]*", " "));
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  private static void keywords(List<Offer> offers, List<String> keywords, Case keywordCase) {
    for (String keyword : keywords) {
      offers.add(new Offer(keywordCase.apply(keyword), "keywords"));
    }
  }

  private static void names(List<Offer> offers, List<String> names, String group) {
    for (String name : names) {
      offers.add(new Offer(name, group));
    }
  }

  /** Keywords in the case the user types them. */
  private enum Case {
    UPPER,
    LOWER;

    static Case of(String sample) {
      boolean letters = sample.chars().anyMatch(Character::isLetter);
      return letters && sample.equals(sample.toLowerCase(Locale.ROOT)) ? LOWER : UPPER;
    }

    String apply(String keyword) {
      return this == LOWER ? keyword.toLowerCase(Locale.ROOT) : keyword;
    }
  }
}
