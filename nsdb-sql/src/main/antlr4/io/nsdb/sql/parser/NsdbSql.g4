// The NSDb SQL dialect. See docs/sql.md for the user's reference.
//
// Generated classes stay inside io.nsdb.sql.parser: the rest of the code base only sees
// io.nsdb.sql.SqlParser, the AST in io.nsdb.sql.tree and SqlParseException.
//
// Boolean conditions are written as flat loops (OR of ANDs of NOT* primaries), not as a
// left-recursive rule, so that a long chain of conditions neither nests the parse tree nor the
// AST: `a = 1 AND b = 2 AND c = 3` becomes one And node with three operands.
grammar NsdbSql;

options { caseInsensitive = true; }

singleStatement
    : statement SEMICOLON? EOF
    ;

script
    : SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF
    ;

statement
    : select                                                # selectStatement
    | insert                                                # insertStatement
    | delete                                                # deleteStatement
    | dropMetric                                            # dropMetricStatement
    | SHOW what=(DATABASES | NAMESPACES | METRICS)         # show
    | DESCRIBE metric=identifier                            # describe
    | USE first=identifier (DOT second=identifier)?         # use
    ;

select
    : SELECT DISTINCT? selectItems
      FROM metric=identifier
      (WHERE condition)?
      (GROUP BY groupBy)?
      (ORDER BY orderBy)?
      (SINCE since=duration)?
      (LIMIT limit=INTEGER)?
    ;

selectItems
    : ASTERISK
    | selectItem (COMMA selectItem)*
    ;

selectItem
    : aggregation
    | identifier
    ;

aggregation
    : COUNT LPAREN (ASTERISK | DISTINCT? identifier) RPAREN                       # countAggregation
    | function=(SUM | MIN | MAX | AVG | FIRST | LAST) LPAREN (ASTERISK | identifier) RPAREN  # valueAggregation
    ;

// `INTERVAL d` is `INTERVAL 1 d`.
groupBy
    : INTERVAL (duration | unit=identifier)                 # intervalGroupBy
    | identifier                                            # tagGroupBy
    ;

orderBy
    : identifier (ASC | DESC)?
    ;

insert
    : INSERT INTO metric=identifier
      (TS EQ timestamp=signedInteger)?
      (DIM LPAREN dimensions=assignments RPAREN)?
      (TAGS LPAREN tags=assignments RPAREN)?
      VAL EQ value=number
    ;

assignments
    : assignment (COMMA assignment)*
    ;

assignment
    : identifier EQ columnValue
    ;

columnValue
    : number
    | string
    ;

delete
    : DELETE FROM metric=identifier WHERE condition
    ;

dropMetric
    : DROP METRIC metric=identifier
    ;

condition
    : conjunction (OR conjunction)*
    ;

conjunction
    : negation (AND negation)*
    ;

negation
    : NOT* primaryCondition
    ;

// The column comes first and the predicate after it, so that the parser chooses the predicate
// on one token and a mistake is reported where it is, with the operators that were possible.
primaryCondition
    : LPAREN condition RPAREN                                        # parenthesized
    | identifier predicate                                           # columnPredicate
    ;

predicate
    : comparisonOperator comparand                                   # comparison
    | LIKE likePattern                                               # like
    | IN LPAREN lower=rangeBound COMMA upper=rangeBound RPAREN        # range
    | IS NOT? NULL                                                   # nullCheck
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

comparand
    : number
    | now
    | string
    ;

rangeBound
    : number
    | now
    ;

likePattern
    : string
    | LIKE_WORD
    ;

now
    : NOW ((PLUS | MINUS) duration)?
    ;

duration
    : amount=INTEGER unit=identifier
    ;

number
    : MINUS? (INTEGER | DECIMAL)
    ;

signedInteger
    : MINUS? INTEGER
    ;

// A quoted string, or one of NSDb's bare words (`where priority = WHITE`).
string
    : QUOTED_STRING
    | identifier
    ;

identifier
    : IDENTIFIER
    | nonReserved
    ;

// Keywords that only have a meaning in one position, so they stay usable as names.
nonReserved
    : COUNT | SUM | MIN | MAX | AVG | FIRST | LAST
    | TS | DIM | TAGS | VAL | METRIC | DATABASES | NAMESPACES | METRICS | ASC | DESC
    ;

// Keywords first: the order of token types is the order of "Expecting: ..." in error messages.
SELECT: 'SELECT';
DISTINCT: 'DISTINCT';
FROM: 'FROM';
WHERE: 'WHERE';
GROUP: 'GROUP';
BY: 'BY';
INTERVAL: 'INTERVAL';
ORDER: 'ORDER';
ASC: 'ASC';
DESC: 'DESC';
SINCE: 'SINCE';
LIMIT: 'LIMIT';
AND: 'AND';
OR: 'OR';
NOT: 'NOT';
LIKE: 'LIKE';
IN: 'IN';
IS: 'IS';
NULL: 'NULL';
NOW: 'NOW';
COUNT: 'COUNT';
SUM: 'SUM';
MIN: 'MIN';
MAX: 'MAX';
AVG: 'AVG';
FIRST: 'FIRST';
LAST: 'LAST';
INSERT: 'INSERT';
INTO: 'INTO';
TS: 'TS';
DIM: 'DIM';
TAGS: 'TAGS';
VAL: 'VAL';
DELETE: 'DELETE';
DROP: 'DROP';
METRIC: 'METRIC';
SHOW: 'SHOW';
DATABASES: 'DATABASES';
NAMESPACES: 'NAMESPACES';
METRICS: 'METRICS';
DESCRIBE: 'DESCRIBE';
USE: 'USE';

EQ: '=';
NEQ: '<>' | '!=';
LTE: '<=';
GTE: '>=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';
SEMICOLON: ';';

// `1.5`, `1.`, `.5`, `1e3`, `2.5E-4`; the sign is the parser's business.
DECIMAL
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

INTEGER: DIGIT+;

IDENTIFIER: [A-Z_] [A-Z_0-9]*;

// A bare LIKE pattern with NSDb's `$` wildcard, e.g. `name LIKE $ame$`. No escapes in bare
// patterns (quote the pattern for those): a backslash here would let a long run of them be
// rescanned once per character, quadratic in the statement's length.
LIKE_WORD: [A-Z_0-9$]* '$' [A-Z_0-9$]*;

// Single quotes; a quote inside is written twice. Everything else, whitespace included, is kept.
QUOTED_STRING: '\'' (~'\'' | '\'\'')* '\'';

// An opening quote that is never closed: a token of its own so the error can say so.
UNTERMINATED_STRING: '\'' (~'\'' | '\'\'')*;

fragment DIGIT: [0-9];
fragment EXPONENT: 'E' [+-]? DIGIT+;

WHITESPACE: [ \t\r\n\f]+ -> skip;
LINE_COMMENT: '--' ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' .*? '*/' -> skip;

// A block comment never closed: it cannot contain `*/`, so a closed comment never matches it.
UNTERMINATED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;

// Anything else is one character the dialect does not know; the parser reports it.
UNRECOGNIZED: .;
