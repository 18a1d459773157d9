package io.nsdb.sql.parser;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Builds the {@link SqlParseException} for a statement ANTLR could not parse: {@code line L:C:
 * mismatched input 'x'. Expecting: 'FROM', ','}.
 *
 * <p>The {@code Expecting} list is computed, not taken from ANTLR's error state, which after a
 * closed sub-rule or a finished loop names too little (ANTLR issue 4899). Each token type is tried
 * in place of the offending token: it is expected when the statement's prefix followed by it is
 * still a valid beginning. Errors are rare and statements short, so the few dozen trial parses cost
 * well under a millisecond, paid only on the error path.
 */
final class SyntaxErrors {

  /**
   * The grammar's {@code nonReserved} keywords: where an identifier is expected they are
   * identifiers, so the message lists {@code <identifier>} once instead of each of them.
   */
  private static final IntervalSet NON_RESERVED = new IntervalSet();

  /** Token types never worth suggesting: skipped text and the lexer's error tokens. */
  private static final IntervalSet NOT_SUGGESTED = new IntervalSet();

  static {
    for (int type :
        new int[] {
          NsdbSqlLexer.COUNT,
          NsdbSqlLexer.SUM,
          NsdbSqlLexer.MIN,
          NsdbSqlLexer.MAX,
          NsdbSqlLexer.AVG,
          NsdbSqlLexer.FIRST,
          NsdbSqlLexer.LAST,
          NsdbSqlLexer.TS,
          NsdbSqlLexer.DIM,
          NsdbSqlLexer.TAGS,
          NsdbSqlLexer.VAL,
          NsdbSqlLexer.METRIC,
          NsdbSqlLexer.DATABASES,
          NsdbSqlLexer.NAMESPACES,
          NsdbSqlLexer.METRICS,
          NsdbSqlLexer.ASC,
          NsdbSqlLexer.DESC
        }) {
      NON_RESERVED.add(type);
    }
    for (int type :
        new int[] {
          NsdbSqlLexer.WHITESPACE,
          NsdbSqlLexer.LINE_COMMENT,
          NsdbSqlLexer.BLOCK_COMMENT,
          NsdbSqlLexer.UNRECOGNIZED,
          NsdbSqlLexer.UNTERMINATED_STRING
        }) {
      NOT_SUGGESTED.add(type);
    }
  }

  private SyntaxErrors() {}

  /**
   * The error for a failed parse of {@code tokens} (ending with EOF) by {@code rule}.
   *
   * @param failure what ANTLR's bail-out strategy threw
   */
  static SqlParseException describe(
      ParseCancellationException failure, List<Token> tokens, Consumer<NsdbSqlParser> rule) {
    Token offending = offendingToken(failure, tokens);
    SourcePosition position =
        new SourcePosition(offending.getLine(), offending.getCharPositionInLine() + 1);
    return switch (offending.getType()) {
      case NsdbSqlLexer.UNTERMINATED_STRING ->
          new SqlParseException(
              SqlErrorCode.UNTERMINATED_STRING,
              position,
              "string literal is not terminated: a quote opened here is never closed");
      case NsdbSqlLexer.UNTERMINATED_COMMENT ->
          new SqlParseException(
              SqlErrorCode.UNTERMINATED_COMMENT,
              position,
              "comment is not terminated: a /* opened here is never closed");
      case NsdbSqlLexer.UNRECOGNIZED ->
          new SqlParseException(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              position,
              "unexpected character '" + offending.getText() + "'");
      default -> {
        List<String> expected =
            names(
                expected(failure, offending.getTokenIndex(), tokens, rule),
                NsdbSqlParser.VOCABULARY);
        StringBuilder reason =
            new StringBuilder("mismatched input '").append(display(offending)).append("'");
        if (!expected.isEmpty()) {
          reason.append(". Expecting: ").append(String.join(", ", expected));
        }
        yield new SqlParseException(
            SqlErrorCode.SYNTAX_ERROR, position, reason.toString(), expected);
      }
    };
  }

  private static Token offendingToken(ParseCancellationException failure, List<Token> tokens) {
    if (failure.getCause() instanceof RecognitionException e && e.getOffendingToken() != null) {
      return e.getOffendingToken();
    }
    return tokens.get(tokens.size() - 1);
  }

  /**
   * Trial parses cost a parse of the prefix each; past this many tokens, the message settles for
   * ANTLR's own (possibly shorter) list, so a huge statement is still rejected in linear time.
   */
  private static final int MAX_TRIAL_PREFIX = 2_000;

  private static List<Integer> expected(
      ParseCancellationException failure,
      int index,
      List<Token> tokens,
      Consumer<NsdbSqlParser> rule) {
    if (index <= MAX_TRIAL_PREFIX) {
      return expectedAt(index, tokens, rule);
    }
    List<Integer> expected = new ArrayList<>();
    if (failure.getCause() instanceof RecognitionException e && e.getExpectedTokens() != null) {
      for (int type : e.getExpectedTokens().toArray()) {
        if (type != Token.EOF) {
          expected.add(type);
        }
      }
      if (e.getExpectedTokens().contains(Token.EOF)) {
        expected.add(Token.EOF);
      }
    }
    return expected;
  }

  /** The token types that may stand at {@code index} after the tokens before it. */
  private static List<Integer> expectedAt(
      int index, List<Token> tokens, Consumer<NsdbSqlParser> rule) {
    List<Integer> expected = new ArrayList<>();
    List<Token> prefix = tokens.subList(0, index);
    for (int type = 1; type <= NsdbSqlParser.VOCABULARY.getMaxTokenType(); type++) {
      if (!NOT_SUGGESTED.contains(type) && viable(prefix, type, rule)) {
        expected.add(type);
      }
    }
    // The end of the statement comes last in the message, after everything that could continue it.
    if (viable(prefix, Token.EOF, rule)) {
      expected.add(Token.EOF);
    }
    return expected;
  }

  /** Whether {@code prefix} then a token of {@code type} begins a valid input of {@code rule}. */
  private static boolean viable(List<Token> prefix, int type, Consumer<NsdbSqlParser> rule) {
    List<Token> trial = new ArrayList<>(prefix.size() + 2);
    for (Token token : prefix) {
      trial.add(new CommonToken(token));
    }
    trial.add(new CommonToken(type, type == Token.EOF ? "<EOF>" : "x"));
    if (type != Token.EOF) {
      trial.add(new CommonToken(Token.EOF, "<EOF>"));
    }
    CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(trial));
    stream.fill();
    NsdbSqlParser parser = SqlParser.bailingParser(stream, false);
    try {
      rule.accept(parser);
      return true;
    } catch (ParseCancellationException e) {
      // Failing only at the EOF after the trial token means the token itself was fine.
      return type != Token.EOF
          && e.getCause() instanceof RecognitionException cause
          && cause.getOffendingToken() != null
          && cause.getOffendingToken().getTokenIndex() > prefix.size();
    }
  }

  private static String display(Token token) {
    return token.getType() == Token.EOF ? "<EOF>" : token.getText();
  }

  private static List<String> names(List<Integer> tokens, Vocabulary vocabulary) {
    boolean identifierExpected = tokens.contains(NsdbSqlLexer.IDENTIFIER);
    List<String> names = new ArrayList<>();
    for (int type : tokens) {
      if (identifierExpected && NON_RESERVED.contains(type)) {
        continue;
      }
      names.add(name(type, vocabulary));
    }
    return names;
  }

  private static String name(int type, Vocabulary vocabulary) {
    return switch (type) {
      case Token.EOF -> "<EOF>";
      case NsdbSqlLexer.IDENTIFIER -> "<identifier>";
      case NsdbSqlLexer.INTEGER -> "<integer>";
      case NsdbSqlLexer.DECIMAL -> "<decimal>";
      case NsdbSqlLexer.QUOTED_STRING -> "<string>";
      case NsdbSqlLexer.LIKE_WORD -> "<pattern>";
      case NsdbSqlLexer.NEQ -> "'<>'";
      default -> {
        String literal = vocabulary.getLiteralName(type);
        yield literal != null ? literal : vocabulary.getSymbolicName(type);
      }
    };
  }
}
