# Invalid statements of the NSDb SQL dialect, read by io.nsdb.sql.SqlCorpusTest.
#
# Format as in valid.sql: entries are separated by a line holding only ";;", lines starting with
# "#" are notes, and every other line but the directive is part of the statement. The directive
# "-- error: <SqlErrorCode> <line>:<column>" gives the error SqlParser.parse must throw and its
# 1-based position. An entry with a directive and no statement line is the empty statement.
#
# ---- SYNTAX_ERROR: misspelt or missing keywords ------------------------------------------------
-- error: SYNTAX_ERROR 1:10
select * form cpu
;;
-- error: SYNTAX_ERROR 1:1
selec * from cpu
;;
-- error: SYNTAX_ERROR 1:10
SELECT * FORM cpu
;;
-- error: SYNTAX_ERROR 1:19
select * from cpu were host = 'a'
;;
-- error: SYNTAX_ERROR 1:42
select * from cpu where host = 'a' group host
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu order host
;;
-- error: SYNTAX_ERROR 1:32
select count(*) from cpu group host
;;
-- error: SYNTAX_ERROR 1:8
delete cpu where host = 'a'
;;
-- error: SYNTAX_ERROR 1:16
delete from cpu
;;
-- error: SYNTAX_ERROR 1:6
drop cpu
;;
-- error: SYNTAX_ERROR 1:6
drop metrics cpu
;;
-- error: SYNTAX_ERROR 1:6
show tables
;;
-- error: SYNTAX_ERROR 1:5
show
;;
-- error: SYNTAX_ERROR 1:9
describe
;;
-- error: SYNTAX_ERROR 1:4
use
;;
-- error: SYNTAX_ERROR 1:8
use db.
;;
-- error: SYNTAX_ERROR 1:10
use db.ns.x
;;
-- error: SYNTAX_ERROR 1:8
insert cpu val = 1
;;
-- error: SYNTAX_ERROR 1:17
insert into cpu value = 1
;;
-- error: SYNTAX_ERROR 1:21
insert into cpu val 1
;;
-- error: SYNTAX_ERROR 1:16
insert into cpu
;;
-- error: SYNTAX_ERROR 1:1
update cpu set value = 1
;;
-- error: SYNTAX_ERROR 1:1
create metric cpu
;;
# ---- SYNTAX_ERROR: select lists ----------------------------------------------------------------
-- error: SYNTAX_ERROR 1:7
select
;;
-- error: SYNTAX_ERROR 1:8
select from cpu
;;
-- error: SYNTAX_ERROR 1:14
select * from
;;
-- error: SYNTAX_ERROR 1:9
select *
;;
-- error: SYNTAX_ERROR 1:13
select host region from cpu
;;
-- error: SYNTAX_ERROR 1:14
select host, from cpu
;;
-- error: SYNTAX_ERROR 1:9
select *, host from cpu
;;
-- error: SYNTAX_ERROR 1:14
select host, * from cpu
;;
-- error: SYNTAX_ERROR 1:17
select count(*) * from cpu
;;
-- error: SYNTAX_ERROR 1:16
select count(x from cpu
;;
-- error: SYNTAX_ERROR 1:14
select count() from cpu
;;
-- error: SYNTAX_ERROR 1:12
select sum() from cpu
;;
-- error: SYNTAX_ERROR 1:23
select count(distinct *) from cpu
;;
-- error: SYNTAX_ERROR 1:12
select sum(distinct value) from cpu
;;
-- error: SYNTAX_ERROR 1:18
select count(host, region) from cpu
;;
-- error: SYNTAX_ERROR 1:14
select median(value) from cpu
;;
-- error: SYNTAX_ERROR 1:17
select distinct from cpu
;;
-- error: SYNTAX_ERROR 1:15
select * from 1cpu
;;
-- error: SYNTAX_ERROR 1:18
select * from cpu.metric
;;
-- error: SYNTAX_ERROR 1:15
select * from select
;;
-- error: SYNTAX_ERROR 1:15
select * from interval
;;
-- error: SYNTAX_ERROR 1:13
select host as h from cpu
;;
-- error: SYNTAX_ERROR 1:16
select count(*)) from cpu
;;
# ---- SYNTAX_ERROR: WHERE -----------------------------------------------------------------------
-- error: SYNTAX_ERROR 1:24
select * from cpu where
;;
-- error: SYNTAX_ERROR 1:38
select * from cpu where value = 1 and
;;
-- error: SYNTAX_ERROR 1:37
select * from cpu where value = 1 or
;;
-- error: SYNTAX_ERROR 1:30
select * from cpu where host foo 1
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where value =
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where value == 1
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where value => 1
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu where = 1
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu where 1 = value
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where value = --5
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where value = - x
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where (host = 'a'
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where host = 'a')
;;
-- error: SYNTAX_ERROR 1:26
select * from cpu where ()
;;
-- error: SYNTAX_ERROR 1:28
select * from cpu where not
;;
-- error: SYNTAX_ERROR 1:30
select * from cpu where host not like 'a$'
;;
-- error: SYNTAX_ERROR 1:33
select * from cpu where host is 'a'
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where host is not
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where host like 5
;;
-- error: SYNTAX_ERROR 1:34
select * from cpu where host like
;;
-- error: SYNTAX_ERROR 1:37
select * from cpu where value in (1 2)
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where value in (1)
;;
-- error: SYNTAX_ERROR 1:39
select * from cpu where value in (1, 2, 3)
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where value in ('a', 'b')
;;
-- error: SYNTAX_ERROR 1:34
select * from cpu where value in 1, 2
;;
-- error: SYNTAX_ERROR 1:31
select * from cpu where value between 1 and 2
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where value = 1.5.5
;;
-- error: SYNTAX_ERROR 1:44
select * from cpu where timestamp > now - 1
;;
-- error: SYNTAX_ERROR 1:43
select * from cpu where timestamp > now - h
;;
-- error: SYNTAX_ERROR 1:41
select * from cpu where timestamp > now 1h
;;
-- error: SYNTAX_ERROR 1:43
select * from cpu where timestamp > now - 1.5h
;;
-- error: SYNTAX_ERROR 1:40
select * from cpu where timestamp > now() - 1h
;;
-- error: SYNTAX_ERROR 1:34
select * from cpu where host = a b
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where host = a$b
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where value = 1e3s
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where host = null
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where a = 1 and and b = 2
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu where not not
;;
-- error: SYNTAX_ERROR 1:35
select * from cpu where value = 1 where value = 2
;;
# ---- SYNTAX_ERROR: GROUP BY, ORDER BY, SINCE, LIMIT, clause order ------------------------------
-- error: SYNTAX_ERROR 1:34
select count(*) from cpu group by
;;
-- error: SYNTAX_ERROR 1:43
select count(*) from cpu group by interval
;;
-- error: SYNTAX_ERROR 1:45
select count(*) from cpu group by interval 1
;;
-- error: SYNTAX_ERROR 1:44
select count(*) from cpu group by interval 1.5h
;;
-- error: SYNTAX_ERROR 1:39
select count(*) from cpu group by host, region
;;
-- error: SYNTAX_ERROR 1:40
select count(*) from cpu group by count(*)
;;
-- error: SYNTAX_ERROR 1:27
select * from cpu order by
;;
-- error: SYNTAX_ERROR 1:33
select * from cpu order by count(*)
;;
-- error: SYNTAX_ERROR 1:38
select * from cpu order by host desc asc
;;
-- error: SYNTAX_ERROR 1:32
select * from cpu order by host, region
;;
-- error: SYNTAX_ERROR 1:52
select count(*) from cpu group by interval 1h since
;;
-- error: SYNTAX_ERROR 1:54
select count(*) from cpu group by interval 1h since 1
;;
-- error: SYNTAX_ERROR 1:53
select count(*) from cpu group by interval 1h since -1h
;;
-- error: SYNTAX_ERROR 1:24
select * from cpu limit
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu limit -1
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu limit 1.5
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu limit 1e3
;;
-- error: SYNTAX_ERROR 1:25
select * from cpu limit all
;;
-- error: SYNTAX_ERROR 1:27
select * from cpu limit 5 6
;;
-- error: SYNTAX_ERROR 1:27
select * from cpu limit 5 offset 10
;;
-- error: SYNTAX_ERROR 1:27
select * from cpu limit 1 where host = 'a'
;;
-- error: SYNTAX_ERROR 1:33
select * from cpu order by host where host = 'a'
;;
-- error: SYNTAX_ERROR 1:35
select count(*) from cpu since 1h group by interval 1h
;;
-- error: SYNTAX_ERROR 1:33
select * from cpu order by host group by host
;;
# ---- SYNTAX_ERROR: INSERT ----------------------------------------------------------------------
-- error: SYNTAX_ERROR 1:23
insert into cpu val = 'x'
;;
-- error: SYNTAX_ERROR 1:23
insert into cpu val = x
;;
-- error: SYNTAX_ERROR 1:23
insert into cpu val = now
;;
-- error: SYNTAX_ERROR 1:22
insert into cpu ts = 1.5 val = 1
;;
-- error: SYNTAX_ERROR 1:22
insert into cpu ts = now val = 1
;;
-- error: SYNTAX_ERROR 1:21
insert into cpu dim() val = 1
;;
-- error: SYNTAX_ERROR 1:25
insert into cpu dim(host) val = 1
;;
-- error: SYNTAX_ERROR 1:28
insert into cpu dim(host = ) val = 1
;;
-- error: SYNTAX_ERROR 1:28
insert into cpu dim(host = now) val = 1
;;
-- error: SYNTAX_ERROR 1:21
insert into cpu dim host = 'a' val = 1
;;
-- error: SYNTAX_ERROR 1:25
insert into cpu val = 1 dim(a = 1)
;;
-- error: SYNTAX_ERROR 1:28
insert into cpu dim(a = 1) ts = 1 val = 1
;;
-- error: SYNTAX_ERROR 1:28
insert into cpu dim(a = 1) dim(b = 1) val = 1
;;
-- error: SYNTAX_ERROR 1:27
insert into cpu dim(a = 1,) val = 1
;;
-- error: SYNTAX_ERROR 1:24
insert into cpu val = 1, 2
;;
-- error: SYNTAX_ERROR 1:29
insert into cpu tags(a = 1) x
;;
-- error: SYNTAX_ERROR 1:40
insert into cpu dim(a = 1) tags(b = 1) ts = 5 val = 1
;;
# ---- SYNTAX_ERROR: trailing input, semicolons, empty statements --------------------------------
-- error: SYNTAX_ERROR 1:19
select * from cpu x
;;
-- error: SYNTAX_ERROR 1:19
select * from cpu;;
;;
-- error: SYNTAX_ERROR 1:20
select * from cpu; select * from mem
;;
-- error: SYNTAX_ERROR 1:19
select * from cpu;x
;;
-- error: SYNTAX_ERROR 1:14
show metrics metrics
;;
-- error: SYNTAX_ERROR 1:14
describe cpu mem
;;
-- error: SYNTAX_ERROR 1:16
drop metric cpu, mem
;;
-- error: SYNTAX_ERROR 1:1
;
;;
-- error: SYNTAX_ERROR 1:1

;;
-- error: SYNTAX_ERROR 1:4
   
;;
-- error: SYNTAX_ERROR 1:18
-- only a comment
;;
-- error: SYNTAX_ERROR 1:21
/* only a comment */
;;
-- error: SYNTAX_ERROR 2:6
select * from cpu -- comment
where
;;
-- error: SYNTAX_ERROR 1:36
select * from cpu where host = 'a' x
;;
# ---- SYNTAX_ERROR: positions on later lines ----------------------------------------------------
-- error: SYNTAX_ERROR 2:1
select *
form cpu
;;
-- error: SYNTAX_ERROR 4:6
select *
from cpu
where host = 'a'
  and
;;
-- error: SYNTAX_ERROR 3:4


   selec * from cpu
;;
-- error: SYNTAX_ERROR 2:1
select *
form cpu
;;
-- error: SYNTAX_ERROR 6:10
select host,
  count(*)
from cpu
group by
  host
limit 10 20
;;
# ---- UNTERMINATED_STRING -----------------------------------------------------------------------
-- error: UNTERMINATED_STRING 1:32
select * from cpu where host = 'a
;;
-- error: UNTERMINATED_STRING 1:32
select * from cpu where host = 'it''s
;;
-- error: UNTERMINATED_STRING 1:35
select * from cpu where host like 'a$
;;
-- error: UNTERMINATED_STRING 1:28
insert into cpu dim(host = 'abc) val = 1
;;
-- error: SYNTAX_ERROR 3:15
select * from cpu
where host = 'a
and region = 'b'
;;
-- error: UNTERMINATED_STRING 1:32
select * from cpu where host = '''
;;
-- error: UNTERMINATED_STRING 1:15
select * from 'cpu
;;
# ---- UNEXPECTED_CHARACTER ----------------------------------------------------------------------
-- error: UNEXPECTED_CHARACTER 1:30
select * from cpu where host # 1
;;
-- error: UNEXPECTED_CHARACTER 1:32
select * from cpu where host = "a"
;;
-- error: UNEXPECTED_CHARACTER 1:31
select * from cpu where a = 1 && b = 2
;;
-- error: UNEXPECTED_CHARACTER 1:30
select * from cpu where host ! 'a'
;;
-- error: UNEXPECTED_CHARACTER 1:8
select @host from cpu
;;
-- error: UNEXPECTED_CHARACTER 1:17
select * from cpü
;;
-- error: UNEXPECTED_CHARACTER 1:35
select * from cpu where value = 1 %
;;
-- error: UNTERMINATED_COMMENT 1:19
select * from cpu /* unterminated comment
;;
-- error: UNTERMINATED_COMMENT 2:1
select count(*) from cpu
/* a note that never ends *
;;
-- error: UNEXPECTED_CHARACTER 1:15
select * from [cpu]
;;
-- error: UNEXPECTED_CHARACTER 3:15
select *
from cpu
where value = ?
;;
-- error: UNEXPECTED_CHARACTER 1:35
select * from cpu where value = 1 | 2
;;
-- error: UNEXPECTED_CHARACTER 1:32
select * from cpu where host = `a`
;;
# ---- NESTING_TOO_DEEP --------------------------------------------------------------------------
-- error: NESTING_TOO_DEEP 1:89
select * from cpu where (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:89
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:89
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:89
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((
;;
-- error: NESTING_TOO_DEEP 1:25
select * from cpu where not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not a = 1
;;
-- error: NESTING_TOO_DEEP 1:35
select * from cpu where a = 1 and not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not b = 2
;;
-- error: NESTING_TOO_DEEP 1:185
select * from cpu where not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not (((((((((((((((((((((((((((((((((a = 1)))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:185
select * from cpu where not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (not (a = 1)))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:87
delete from cpu where (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- error: NESTING_TOO_DEEP 1:89
select * from cpu where (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((value in (1, 2))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
# ---- INVALID_TIME_UNIT -------------------------------------------------------------------------
-- error: INVALID_TIME_UNIT 1:44
select * from cpu where timestamp > now - 3y
;;
-- error: INVALID_TIME_UNIT 1:45
select * from cpu where timestamp > now - 1 month
;;
-- error: INVALID_TIME_UNIT 1:46
select * from cpu where timestamp > now - 10 mins
;;
-- error: INVALID_TIME_UNIT 1:46
select * from cpu where timestamp > now - 10 secs
;;
-- error: INVALID_TIME_UNIT 1:45
select * from cpu where timestamp > now - 2 hrs
;;
-- error: INVALID_TIME_UNIT 1:46
select * from cpu where timestamp in (now - 1x, now)
;;
-- error: INVALID_TIME_UNIT 1:45
select count(*) from cpu group by interval 3y
;;
-- error: INVALID_TIME_UNIT 1:44
select count(*) from cpu group by interval y
;;
-- error: INVALID_TIME_UNIT 1:46
select count(*) from cpu group by interval 1 ns
;;
-- error: INVALID_TIME_UNIT 1:46
select count(*) from cpu group by interval 1 sum
;;
-- error: INVALID_TIME_UNIT 1:55
select count(*) from cpu group by interval 1h since 3 fortnights
;;
-- error: INVALID_TIME_UNIT 1:45
select count(*) from cpu group by interval 1d2
;;
# ---- INVALID_INTERVAL --------------------------------------------------------------------------
-- error: INVALID_INTERVAL 1:44
select count(*) from cpu group by interval 0s
;;
-- error: INVALID_INTERVAL 1:44
select count(*) from cpu group by interval 0 ms
;;
-- error: INVALID_INTERVAL 1:44
select count(*) from cpu group by interval 000 h
;;
-- error: INVALID_INTERVAL 1:53
select count(*) from cpu group by interval 1h since 0s
;;
-- error: INVALID_INTERVAL 1:53
select count(*) from cpu group by interval 1h since 0 d
;;
# ---- NUMBER_OUT_OF_RANGE -----------------------------------------------------------------------
-- error: NUMBER_OUT_OF_RANGE 1:33
select * from cpu where value = 9223372036854775808
;;
-- error: NUMBER_OUT_OF_RANGE 1:33
select * from cpu where value = -9223372036854775809
;;
-- error: NUMBER_OUT_OF_RANGE 1:33
select * from cpu where value = 99999999999999999999999
;;
-- error: NUMBER_OUT_OF_RANGE 1:33
select * from cpu where value = 1e999
;;
-- error: NUMBER_OUT_OF_RANGE 1:33
select * from cpu where value = -1e999
;;
-- error: NUMBER_OUT_OF_RANGE 1:38
select * from cpu where value in (0, 9223372036854775808)
;;
-- error: NUMBER_OUT_OF_RANGE 1:25
select * from cpu limit 99999999999999999999
;;
-- error: NUMBER_OUT_OF_RANGE 1:25
select * from cpu limit 9223372036854775808
;;
-- error: NUMBER_OUT_OF_RANGE 1:22
insert into cpu ts = 9223372036854775808 val = 1
;;
-- error: NUMBER_OUT_OF_RANGE 1:22
insert into cpu ts = -9223372036854775809 val = 1
;;
-- error: NUMBER_OUT_OF_RANGE 1:23
insert into cpu val = 1e400
;;
-- error: NUMBER_OUT_OF_RANGE 1:27
insert into cpu dim(big = 18446744073709551616) val = 1
;;
-- error: NUMBER_OUT_OF_RANGE 1:43
select * from cpu where timestamp > now - 9223372036854775808 ms
;;
-- error: NUMBER_OUT_OF_RANGE 1:44
select count(*) from cpu group by interval 99999999999999999999 s
;;
# ---- INVALID_LIMIT -----------------------------------------------------------------------------
-- error: INVALID_LIMIT 1:25
select * from cpu limit 0
;;
-- error: INVALID_LIMIT 1:25
select * from cpu limit 000
;;
-- error: INVALID_LIMIT 1:46
select count(*) from cpu group by host limit 0
;;
# ---- AGGREGATION_REQUIRED ----------------------------------------------------------------------
-- error: AGGREGATION_REQUIRED 1:8
select host from cpu group by host
;;
-- error: AGGREGATION_REQUIRED 1:8
select host, region from cpu group by interval 1h
;;
-- error: AGGREGATION_REQUIRED 1:8
select * from cpu group by host
;;
-- error: AGGREGATION_REQUIRED 1:8
select value from cpu group by interval 1h
;;
# ---- COLUMN_NOT_GROUPED ------------------------------------------------------------------------
-- error: COLUMN_NOT_GROUPED 1:8
select region, count(*) from cpu group by host
;;
-- error: COLUMN_NOT_GROUPED 1:8
select host, count(*) from cpu group by interval 1h
;;
-- error: COLUMN_NOT_GROUPED 1:18
select count(*), value from cpu group by host
;;
-- error: COLUMN_NOT_GROUPED 1:8
select host, count(*) from cpu group by HOST
;;
# ---- MIXED_AGGREGATION_AND_COLUMNS -------------------------------------------------------------
-- error: MIXED_AGGREGATION_AND_COLUMNS 1:8
select host, count(*) from cpu
;;
-- error: MIXED_AGGREGATION_AND_COLUMNS 1:18
select count(*), host from cpu
;;
-- error: MIXED_AGGREGATION_AND_COLUMNS 1:8
select value, sum(value) from cpu
;;
-- error: MIXED_AGGREGATION_AND_COLUMNS 1:30
select count(distinct host), host from cpu
;;
# ---- FIRST_LAST_WITHOUT_GROUP_BY ---------------------------------------------------------------
-- error: FIRST_LAST_WITHOUT_GROUP_BY 1:8
select first(value) from cpu
;;
-- error: FIRST_LAST_WITHOUT_GROUP_BY 1:8
select last(*) from cpu
;;
-- error: FIRST_LAST_WITHOUT_GROUP_BY 1:18
select count(*), last(value) from cpu
;;
-- error: FIRST_LAST_WITHOUT_GROUP_BY 1:8
select first(value) from cpu where host = 'a' order by timestamp limit 1
;;
# ---- INVALID_AGGREGATION_ARGUMENT --------------------------------------------------------------
-- error: INVALID_AGGREGATION_ARGUMENT 1:12
select sum(host) from cpu
;;
-- error: INVALID_AGGREGATION_ARGUMENT 1:12
select avg(timestamp) from cpu
;;
-- error: INVALID_AGGREGATION_ARGUMENT 1:12
select min(count) from cpu
;;
-- error: INVALID_AGGREGATION_ARGUMENT 1:14
select first(host) from cpu group by host
;;
-- error: INVALID_AGGREGATION_ARGUMENT 1:22
select count(*), max(region) from cpu group by region
;;
# ---- INVALID_DISTINCT --------------------------------------------------------------------------
-- error: INVALID_DISTINCT 1:17
select distinct host, region from cpu
;;
-- error: INVALID_DISTINCT 1:17
select distinct count(*) from cpu
;;
-- error: INVALID_DISTINCT 1:17
select distinct count(distinct host) from cpu
;;
-- error: INVALID_DISTINCT 1:17
select distinct * from cpu
;;
-- error: INVALID_DISTINCT 1:31
select distinct host from cpu group by host
;;
# ---- SINCE_WITHOUT_INTERVAL --------------------------------------------------------------------
-- error: SINCE_WITHOUT_INTERVAL 1:40
select count(*) from cpu group by host since 1h
;;
-- error: SINCE_WITHOUT_INTERVAL 1:19
select * from cpu since 1h
;;
-- error: SINCE_WITHOUT_INTERVAL 2:1
select count(*) from cpu
since 1 day
;;
# ---- DUPLICATE_SELECT_ITEM ---------------------------------------------------------------------
-- error: DUPLICATE_SELECT_ITEM 1:18
select count(*), count(*) from cpu
;;
-- error: DUPLICATE_SELECT_ITEM 1:14
select host, host from cpu
;;
-- error: DUPLICATE_SELECT_ITEM 1:20
select sum(value), SUM(value) from cpu
;;
-- error: DUPLICATE_SELECT_ITEM 1:30
select count(distinct host), count(distinct host) from cpu
;;
-- error: DUPLICATE_SELECT_ITEM 1:24
select host, count(*), count( * ) from cpu group by host
;;
# ---- STRING_ORDER_COMPARISON -------------------------------------------------------------------
-- error: STRING_ORDER_COMPARISON 1:25
select * from cpu where host > 'a'
;;
-- error: STRING_ORDER_COMPARISON 1:25
select * from cpu where host <= WHITE
;;
-- error: STRING_ORDER_COMPARISON 1:25
select * from cpu where host >= ''
;;
-- error: STRING_ORDER_COMPARISON 1:25
select * from cpu where host < count
;;
-- error: STRING_ORDER_COMPARISON 1:23
delete from cpu where host < 'x'
;;
-- error: STRING_ORDER_COMPARISON 1:43
select * from cpu where value = 1 or not (region >= 'eu' and value > 1)
;;
# ---- INVALID_LIKE_PATTERN ----------------------------------------------------------------------
-- error: INVALID_LIKE_PATTERN 1:35
select * from cpu where host like 'a\x'
;;
-- error: INVALID_LIKE_PATTERN 1:35
select * from cpu where host like 'abc\'
;;
-- error: INVALID_LIKE_PATTERN 1:35
select * from cpu where host like 'a\x$'
;;
# A bare pattern has no escapes: quote the pattern to use one.
-- error: UNEXPECTED_CHARACTER 1:36
select * from cpu where name like a\$b$
;;
-- error: INVALID_LIKE_PATTERN 1:35
select * from cpu where host like '\n$'
;;
-- error: INVALID_LIKE_PATTERN 1:33
delete from cpu where host like 'a$\'
;;
# ---- EMPTY_RANGE -------------------------------------------------------------------------------
-- error: EMPTY_RANGE 1:25
select * from cpu where value in (5, 1)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where value in (1.5, 1)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where value in (0, -1)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where timestamp in (now, now - 1h)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where timestamp in (now + 1h, now)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where timestamp in (now - 1h, now - 2h)
;;
-- error: EMPTY_RANGE 1:23
delete from cpu where value in (2, 1)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where value in (9223372036854775807, 9223372036854775806)
;;
-- error: EMPTY_RANGE 1:25
select * from cpu where value in (-9223372036854775807, -9223372036854775808)
;;
# ---- DUPLICATE_COLUMN --------------------------------------------------------------------------
-- error: DUPLICATE_COLUMN 1:36
insert into cpu dim(host = a) tags(host = b) val = 1
;;
-- error: DUPLICATE_COLUMN 1:28
insert into cpu dim(a = 1, a = 2) val = 1
;;
-- error: DUPLICATE_COLUMN 1:36
insert into cpu tags(x = 1, y = 2, x = 1) val = 1
;;
# ---- RESERVED_COLUMN_NAME ----------------------------------------------------------------------
-- error: RESERVED_COLUMN_NAME 1:21
insert into cpu dim(timestamp = 1) val = 1
;;
-- error: RESERVED_COLUMN_NAME 1:22
insert into cpu tags(value = 1) val = 1
;;
-- error: RESERVED_COLUMN_NAME 1:21
insert into cpu dim(VALUE = 'x') val = 1
;;
-- error: RESERVED_COLUMN_NAME 1:36
insert into cpu dim(host = a) tags(Timestamp = 'x') val = 1
