package io.nsdb.sql.parser;

import io.nsdb.sql.SourcePosition;
import io.nsdb.sql.SqlErrorCode;
import io.nsdb.sql.SqlParseException;
import io.nsdb.sql.parser.NsdbSqlParser.ScriptContext;
import io.nsdb.sql.parser.NsdbSqlParser.SingleStatementContext;
import io.nsdb.sql.parser.NsdbSqlParser.StatementContext;
import io.nsdb.sql.tree.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The public face of the SQL front end: text in, a validated {@link Statement} out, or a {@link
 * SqlParseException} with a stable code, a position and a message a person can act on. Nothing else
 * is ever thrown for bad input, and no ANTLR type leaves this package.
 *
 * <p>Every statement is checked for what needs no schema (see {@link StatementValidator}); the
 * engine binds it to a metric's schema later. Instances are immutable and thread-safe.
 */
public final class SqlParser {

  /** Parentheses and NOTs a condition may nest; past it the statement is rejected, not parsed. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  /**
   * The highest nesting limit a parser accepts. Trees are walked recursively (formatting, equality,
   * compiling), so a limit must keep them well inside any thread's stack.
   */
  public static final int MAX_NESTING_DEPTH = 256;

  private static final SqlParser DEFAULT = new SqlParser(DEFAULT_MAX_NESTING_DEPTH);

  private final int maxNestingDepth;

  public SqlParser(int maxNestingDepth) {
    if (maxNestingDepth < 1 || maxNestingDepth > MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          "maxNestingDepth must be within 1.."
              + MAX_NESTING_DEPTH
              + " [maxNestingDepth="
              + maxNestingDepth
              + "]");
    }
    this.maxNestingDepth = maxNestingDepth;
  }

  /** Parses one statement, with an optional trailing {@code ;}, using the default limits. */
  public static Statement parse(String sql) {
    return DEFAULT.parseStatement(sql);
  }

  /** Parses one statement; anything after it but a {@code ;} is an error. */
  public Statement parseStatement(String sql) {
    return run(sql, false).get(0);
  }

  /** Parses a script of statements separated by {@code ;}; an empty script has none. */
  public List<Statement> parseScript(String sql) {
    return run(sql, true);
  }

  private List<Statement> run(String sql, boolean script) {
    Objects.requireNonNull(sql, "sql");
    try {
      CommonTokenStream tokens = tokenize(sql);
      Function<NsdbSqlParser, ParserRuleContext> rule =
          script ? NsdbSqlParser::script : NsdbSqlParser::singleStatement;
      Token tooDeep = checkParenthesisDepth(tokens.getTokens());
      ParserRuleContext tree;
      try {
        tree = parse(tokens, rule);
      } catch (SqlParseException syntax) {
        // Errors come in text order: nesting past the limit before a later syntax error.
        if (tooDeep != null && isBefore(tooDeep, syntax)) {
          throw tooDeep(tooDeep);
        }
        throw syntax;
      }
      AstBuilder builder = new AstBuilder(maxNestingDepth);
      List<StatementContext> contexts =
          tree instanceof ScriptContext s
              ? s.statement()
              : List.of(((SingleStatementContext) tree).statement());
      List<Statement> statements = new ArrayList<>(contexts.size());
      for (StatementContext context : contexts) {
        // Each statement is checked whole before the next: checks come in text order (the parse,
        // and so any syntax error of the script, comes before them all).
        Statement statement = builder.statement(context);
        StatementValidator.validate(statement);
        statements.add(statement);
      }
      return statements;
    } catch (StackOverflowError e) {
      // The nesting guard should make this unreachable; it stays as the last line of defence.
      throw new SqlParseException(
          SqlErrorCode.NESTING_TOO_DEEP,
          new SourcePosition(1, 1),
          "statement nested too deeply to parse");
    }
  }

  private CommonTokenStream tokenize(String sql) {
    NsdbSqlLexer lexer = new NsdbSqlLexer(CharStreams.fromString(sql));
    // The lexer's catch-all rules turn every character into a token: it never reports errors.
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    return tokens;
  }

  /**
   * Two-stage parsing, as ANTLR recommends: the fast SLL mode handles every valid statement of this
   * grammar; only when it fails does the full LL mode run again, to tell a real error from an SLL
   * false alarm and to find the offending token. Both bail out at the first error; the message is
   * then built by {@link SyntaxErrors}.
   */
  private static ParserRuleContext parse(
      CommonTokenStream tokens, Function<NsdbSqlParser, ParserRuleContext> rule) {
    try {
      return rule.apply(bailingParser(tokens, true));
    } catch (ParseCancellationException sllFailure) {
      tokens.seek(0);
      try {
        return rule.apply(bailingParser(tokens, false));
      } catch (ParseCancellationException failure) {
        throw SyntaxErrors.describe(failure, tokens.getTokens(), rule::apply);
      }
    }
  }

  /** A parser that throws {@link ParseCancellationException} at the first syntax error. */
  static NsdbSqlParser bailingParser(CommonTokenStream tokens, boolean sll) {
    NsdbSqlParser parser = new NsdbSqlParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(sll ? PredictionMode.SLL : PredictionMode.LL);
    return parser;
  }

  private SqlParseException tooDeep(Token token) {
    return new SqlParseException(
        SqlErrorCode.NESTING_TOO_DEEP,
        AstBuilder.position(token),
        "condition nested too deeply [depth="
            + (maxNestingDepth + 1)
            + ", max="
            + maxNestingDepth
            + "]");
  }

  private static boolean isBefore(Token token, SqlParseException error) {
    SourcePosition at = AstBuilder.position(token);
    return at.line() < error.line() || (at.line() == error.line() && at.column() < error.column());
  }

  /** Parentheses that belong to a construct (IN, aggregations, DIM, TAGS), not to nesting. */
  private static final Set<Integer> STRUCTURAL_PAREN_AFTER =
      Set.of(
          NsdbSqlLexer.IN,
          NsdbSqlLexer.COUNT,
          NsdbSqlLexer.SUM,
          NsdbSqlLexer.MIN,
          NsdbSqlLexer.MAX,
          NsdbSqlLexer.AVG,
          NsdbSqlLexer.FIRST,
          NsdbSqlLexer.LAST,
          NsdbSqlLexer.DIM,
          NsdbSqlLexer.TAGS);

  /**
   * ANTLR descends once per parenthesis, so depth is checked on the tokens before parsing: a
   * statement of ten thousand {@code (} is an error, not a stack overflow. Only the parentheses
   * that group conditions count; those of {@code IN (a, b)} or {@code count(*)} do not.
   */
  /**
   * Returns the first parenthesis past the nesting limit, if any; throws when nesting goes past
   * what ANTLR can parse safely.
   */
  private Token checkParenthesisDepth(List<Token> tokens) {
    int depth = 0;
    Token firstTooDeep = null;
    // Whether each open parenthesis counts, so its closing one gives back exactly what it took.
    Deque<Boolean> counted = new ArrayDeque<>();
    int previous = Token.INVALID_TYPE;
    for (Token token : tokens) {
      if (token.getType() == NsdbSqlLexer.LPAREN) {
        boolean counts = !STRUCTURAL_PAREN_AFTER.contains(previous);
        counted.push(counts);
        if (counts && ++depth > maxNestingDepth && firstTooDeep == null) {
          firstTooDeep = token;
        }
        // Within what ANTLR parses safely, the AST builder reports the error, counting NOTs too;
        // past it, this check does, where the limit was first crossed.
        if (depth > MAX_NESTING_DEPTH) {
          throw tooDeep(firstTooDeep);
        }
      } else if (token.getType() == NsdbSqlLexer.RPAREN && !counted.isEmpty() && counted.pop()) {
        depth--;
      }
      previous = token.getType();
    }
    return firstTooDeep;
  }
}
