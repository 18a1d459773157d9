package io.nsdb.sql.tree;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A LIKE pattern in NSDb's notation: {@code $} matches any run of characters (also none), every
 * other character matches itself, and the whole value must match. {@code \$} matches a literal
 * dollar and {@code \\} a literal backslash; a backslash before anything else is an error, so a
 * pattern never means something other than what it seems to.
 */
public record LikePattern(String pattern) {

  public static final char WILDCARD = '$';
  public static final char ESCAPE = '\\';

  /**
   * @throws IllegalArgumentException naming the offset of a bad escape
   */
  public LikePattern {
    Objects.requireNonNull(pattern, "pattern");
    validate(pattern);
  }

  /** Whether {@code value} matches the whole pattern. */
  public boolean matches(String value) {
    return toRegex().matcher(value).matches();
  }

  /** The equivalent Java regular expression, anchored to the whole value. */
  public Pattern toRegex() {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == ESCAPE) {
        literal.append(pattern.charAt(++i));
      } else if (c == WILDCARD) {
        appendQuoted(regex, literal);
        regex.append(".*");
      } else {
        literal.append(c);
      }
    }
    appendQuoted(regex, literal);
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static void appendQuoted(StringBuilder regex, StringBuilder literal) {
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  private static void validate(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) != ESCAPE) {
        continue;
      }
      if (i + 1 == pattern.length()) {
        throw new IllegalArgumentException(
            "LIKE pattern ends with an escape character [pattern=" + pattern + "]");
      }
      char escaped = pattern.charAt(i + 1);
      if (escaped != WILDCARD && escaped != ESCAPE) {
        throw new IllegalArgumentException(
            "LIKE pattern escapes '"
                + escaped
                + "', only '$' and '\\' can be escaped [pattern="
                + pattern
                + ", offset="
                + i
                + "]");
      }
      i++;
    }
  }
}
