package io.nsdb.sql.parser;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first syntax error ANTLR reports into a {@link SqlParseException} whose message is
 * {@code line L:C: mismatched input 'x'. Expecting: 'FROM', ','}. Throwing on the first report
 * means ANTLR never recovers and never reports a second, confusing error.
 */
final class SyntaxErrors extends BaseErrorListener {

  static final SyntaxErrors INSTANCE = new SyntaxErrors();

  /**
   * The grammar's {@code nonReserved} keywords: where an identifier is expected they are
   * identifiers, so the message lists {@code <identifier>} once instead of each of them.
   */
  private static final IntervalSet NON_RESERVED = new IntervalSet();

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
  }

  private SyntaxErrors() {}

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String antlrMessage,
      RecognitionException e) {
    SourcePosition position = new SourcePosition(line, charPositionInLine + 1);
    if (!(offendingSymbol instanceof Token token) || !(recognizer instanceof Parser parser)) {
      // The lexer has a catch-all rule, so it never reports; keep a clear message regardless.
      throw new SqlParseException(SqlErrorCode.SYNTAX_ERROR, position, antlrMessage);
    }
    switch (token.getType()) {
      case NsdbSqlLexer.UNTERMINATED_STRING ->
          throw new SqlParseException(
              SqlErrorCode.UNTERMINATED_STRING,
              position,
              "string literal is not terminated: a quote opened here is never closed");
      case NsdbSqlLexer.UNRECOGNIZED ->
          throw new SqlParseException(
              SqlErrorCode.UNEXPECTED_CHARACTER,
              position,
              "unexpected character '" + token.getText() + "'");
      default -> {
        IntervalSet expectedTokens = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        List<String> expected = describe(expectedTokens, parser.getVocabulary());
        StringBuilder reason =
            new StringBuilder("mismatched input '").append(display(token)).append("'");
        if (!expected.isEmpty()) {
          reason.append(". Expecting: ").append(String.join(", ", expected));
        }
        throw new SqlParseException(
            SqlErrorCode.SYNTAX_ERROR, position, reason.toString(), expected);
      }
    }
  }

  private static String display(Token token) {
    return token.getType() == Token.EOF ? "<EOF>" : token.getText();
  }

  private static List<String> describe(IntervalSet tokens, Vocabulary vocabulary) {
    boolean identifierExpected = tokens.contains(NsdbSqlLexer.IDENTIFIER);
    List<String> names = new ArrayList<>();
    for (int type : tokens.toArray()) {
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
