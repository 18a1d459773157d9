# Valid statements of the NSDb SQL dialect, read by io.nsdb.sql.SqlCorpusTest.
#
# Format: entries are separated by a line holding only ";;". Lines starting with "#" are notes
# about the corpus and are dropped. A line "-- expect: <sql>" pins the canonical text
# SqlFormatter gives the statement; it is dropped too. Every other line, "--" comments included,
# is part of the statement, so statements may span lines. Every statement must parse, and
# parse(format(parse(s))) must equal parse(s).
#
# ---- SELECT: select lists -------------------------------------------------------------------
-- expect: SELECT * FROM cpu
select * from cpu
;;
-- expect: SELECT * FROM cpu
SELECT * FROM cpu
;;
-- expect: SELECT * FROM Cpu
SeLeCt * FrOm Cpu
;;
-- expect: SELECT host FROM cpu
select host from cpu
;;
-- expect: SELECT host, region, value FROM cpu
select host, region, value from cpu
;;
-- expect: SELECT value, timestamp FROM cpu
select value,timestamp from cpu
;;
-- expect: SELECT host, region FROM cpu
select   host ,   region   from   cpu
;;
-- expect: SELECT CamelCase, snake_case, _leading, x1 FROM Metric_2
select CamelCase, snake_case, _leading, x1 from Metric_2
;;
-- expect: SELECT DISTINCT host FROM cpu
select distinct host from cpu
;;
-- expect: SELECT DISTINCT host FROM cpu WHERE region = 'eu' ORDER BY host DESC LIMIT 10
SELECT DISTINCT host FROM cpu WHERE region = 'eu' ORDER BY host DESC LIMIT 10
;;
-- expect: SELECT DISTINCT value FROM cpu
select distinct value from cpu
;;
-- expect: SELECT count(*) FROM cpu
select count(*) from cpu
;;
-- expect: SELECT count(*) FROM cpu
select count( * ) from cpu
;;
-- expect: SELECT count(host) FROM cpu
select count(host) from cpu
;;
-- expect: SELECT count(distinct host) FROM cpu
select count(distinct host) from cpu
;;
-- expect: SELECT count(distinct host) FROM cpu
select COUNT(DISTINCT host) from cpu
;;
-- expect: SELECT sum(value) FROM cpu
select sum(value) from cpu
;;
-- expect: SELECT min(value) FROM cpu
select min(value) from cpu
;;
-- expect: SELECT max(value) FROM cpu
select max(value) from cpu
;;
-- expect: SELECT avg(value) FROM cpu
select avg(value) from cpu
;;
-- expect: SELECT sum(value) FROM cpu
select SUM(*) from cpu
;;
-- expect: SELECT avg(value) FROM cpu
select Avg(Value) from cpu
;;
-- expect: SELECT count(*), sum(value), min(value), max(value), avg(value) FROM cpu
select count(*), sum(value), min(value), max(value), avg(value) from cpu
;;
-- expect: SELECT count(*), count(host), count(distinct host) FROM cpu
select count(*), count(host), count(distinct host) from cpu
;;
-- expect: SELECT count(value), count(timestamp) FROM cpu
select count(value), count(timestamp) from cpu
;;
# ---- GROUP BY a tag -------------------------------------------------------------------------
-- expect: SELECT count(*) FROM cpu GROUP BY host
select count(*) from cpu group by host
;;
-- expect: SELECT host, count(*) FROM cpu GROUP BY host
select host, count(*) from cpu group by host
;;
-- expect: SELECT count(*), host FROM cpu GROUP BY host
select count(*), host from cpu group by host
;;
-- expect: SELECT first(value) FROM cpu GROUP BY host
select first(value) from cpu group by host
;;
-- expect: SELECT last(value) FROM cpu GROUP BY host
select last(*) from cpu group by host
;;
-- expect: SELECT host, first(value), last(value), avg(value) FROM cpu GROUP BY host
select host, first(value), last(value), avg(value) from cpu group by host
;;
-- expect: SELECT count(distinct host) FROM cpu GROUP BY region
select count(distinct host) from cpu group by region
;;
-- expect: SELECT region, count(distinct host) FROM cpu WHERE value > 10 GROUP BY region ORDER BY region LIMIT 5
select region, count(distinct host) from cpu where value > 10 group by region order by region limit 5
;;
# ---- GROUP BY INTERVAL, SINCE, time units ---------------------------------------------------
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1h
select count(*) from cpu group by interval 1h
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1h
select count(*) from cpu group by interval 1 h
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 10s
select avg(value) from cpu group by interval 10s
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 10s
select avg(value) from cpu group by interval 10 s
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 30s
select avg(value) from cpu group by interval 30 sec
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1s
select avg(value) from cpu group by interval 1 second
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 45s
select avg(value) from cpu group by interval 45 seconds
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 5m
select avg(value) from cpu group by interval 5m
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 5m
select avg(value) from cpu group by interval 5 min
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1m
select avg(value) from cpu group by interval 1 minute
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 15m
select avg(value) from cpu group by interval 15 minutes
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1h
select avg(value) from cpu group by interval 1 hour
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 36h
select avg(value) from cpu group by interval 36 hours
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1d
select avg(value) from cpu group by interval 1d
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1d
select avg(value) from cpu group by interval 1 day
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 3d
select avg(value) from cpu group by interval 3 days
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1w
select avg(value) from cpu group by interval 1w
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1w
select avg(value) from cpu group by interval 1 week
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 2w
select avg(value) from cpu group by interval 2 weeks
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 250ms
select avg(value) from cpu group by interval 250ms
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 250ms
select avg(value) from cpu group by interval 250 ms
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1s
select avg(value) from cpu group by interval 1000ms
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1500ms
select avg(value) from cpu group by interval 1500ms
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1h
select avg(value) from cpu group by interval 60m
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 90m
select avg(value) from cpu group by interval 90 minutes
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 1d
select avg(value) from cpu group by interval 24h
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 2w
select avg(value) from cpu group by interval 14 days
;;
-- expect: SELECT avg(value) FROM cpu GROUP BY INTERVAL 2m
select avg(value) from cpu group by interval 120s
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1d
select count(*) from cpu group by interval d
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1h
select count(*) from cpu group by interval h
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1w
select count(*) from cpu group by interval w
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1ms
select count(*) from cpu group by interval ms
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1m
select count(*) from cpu group by interval min
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1s
select count(*) from cpu group by interval S
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1m
select count(*) from cpu group by interval 1 MINUTE
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 2h
select count(*) from cpu group by interval 2 Hours
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1h SINCE 1d
select count(*) from cpu group by interval 1h since 1d
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1w SINCE 1w
select count(*) from cpu group by interval 7 d since 1 week
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1m SINCE 90s
select count(*) from cpu group by interval 1m since 90 s
;;
-- expect: SELECT first(value), last(value) FROM cpu GROUP BY INTERVAL 1h
select first(value), last(value) from cpu group by interval 1h
;;
-- expect: SELECT count(*) FROM cpu WHERE host = 'a' GROUP BY INTERVAL 1h ORDER BY timestamp DESC SINCE 1h LIMIT 100
select count(*) from cpu where host = 'a' group by interval 1h order by timestamp desc since 1h limit 100
;;
-- expect: SELECT count(*) FROM cpu GROUP BY INTERVAL 1h ORDER BY host DESC SINCE 1h LIMIT 5
select count(*) from cpu group by interval 1h order by host desc since 1h limit 5
;;
# ---- ORDER BY and LIMIT ---------------------------------------------------------------------
-- expect: SELECT * FROM cpu ORDER BY timestamp
select * from cpu order by timestamp
;;
-- expect: SELECT * FROM cpu ORDER BY timestamp
select * from cpu order by timestamp asc
;;
-- expect: SELECT * FROM cpu ORDER BY value DESC
select * from cpu order by value desc
;;
-- expect: SELECT * FROM cpu ORDER BY value DESC LIMIT 1
select * from cpu order by value DESC limit 1
;;
-- expect: SELECT * FROM cpu LIMIT 1
select * from cpu limit 1
;;
-- expect: SELECT * FROM cpu LIMIT 9223372036854775807
select * from cpu limit 9223372036854775807
;;
-- expect: SELECT * FROM cpu LIMIT 7
select * from cpu limit 007
;;
-- expect: SELECT * FROM cpu WHERE host = 'a' ORDER BY timestamp DESC LIMIT 10
select * from cpu where host = 'a' order by timestamp desc limit 10
;;
# ---- WHERE: comparisons on numbers and timestamps -------------------------------------------
-- expect: SELECT * FROM cpu WHERE value = 1
select * from cpu where value = 1
;;
-- expect: SELECT * FROM cpu WHERE value <> 1
select * from cpu where value <> 1
;;
-- expect: SELECT * FROM cpu WHERE value <> 1
select * from cpu where value != 1
;;
-- expect: SELECT * FROM cpu WHERE value > 1
select * from cpu where value > 1
;;
-- expect: SELECT * FROM cpu WHERE value >= 1.5
select * from cpu where value >= 1.5
;;
-- expect: SELECT * FROM cpu WHERE value < -2
select * from cpu where value < -2
;;
-- expect: SELECT * FROM cpu WHERE value <= 1000.0
select * from cpu where value <= 1e3
;;
-- expect: SELECT * FROM cpu WHERE value >= 1
select * from cpu where value>=1
;;
-- expect: SELECT * FROM cpu WHERE value <> 1
select * from cpu where value<>1
;;
-- expect: SELECT * FROM cpu WHERE value <> 1
select * from cpu where value!=1
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW
select * from cpu where timestamp > now
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW - 1h
select * from cpu where timestamp > now - 1h
;;
-- expect: SELECT * FROM cpu WHERE timestamp >= NOW - 10s
select * from cpu where timestamp >= now - 10 s
;;
-- expect: SELECT * FROM cpu WHERE timestamp < NOW + 5m
select * from cpu where timestamp < now + 5 m
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW - 1h
select * from cpu where timestamp > now-1h
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW - 1h
select * from cpu where timestamp > NOW - 1 HOUR
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW + 1500ms
select * from cpu where timestamp > now+1500ms
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW
select * from cpu where timestamp > now - 0s
;;
-- expect: SELECT * FROM cpu WHERE timestamp <= NOW - 1w
select * from cpu where timestamp <= now - 7 days
;;
-- expect: SELECT * FROM cpu WHERE timestamp = 1600000000000
select * from cpu where timestamp = 1600000000000
;;
-- expect: SELECT * FROM cpu WHERE value = NOW
select * from cpu where value = now
;;
# ---- WHERE: numeric literals ----------------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE value = 1000.0
select * from cpu where value = 1e3
;;
-- expect: SELECT * FROM cpu WHERE value = 1000.0
select * from cpu where value = 1E3
;;
-- expect: SELECT * FROM cpu WHERE value = 1000.0
select * from cpu where value = 1E+3
;;
-- expect: SELECT * FROM cpu WHERE value = 0.5
select * from cpu where value = .5
;;
-- expect: SELECT * FROM cpu WHERE value = -0.5
select * from cpu where value = -.5
;;
-- expect: SELECT * FROM cpu WHERE value = 0.00025
select * from cpu where value = 2.5E-4
;;
-- expect: SELECT * FROM cpu WHERE value = 1.0
select * from cpu where value = 1.
;;
-- expect: SELECT * FROM cpu WHERE value = 1000.0
select * from cpu where value = 1.e3
;;
-- expect: SELECT * FROM cpu WHERE value = 1.5
select * from cpu where value = 1.5
;;
-- expect: SELECT * FROM cpu WHERE value = -2
select * from cpu where value = -2
;;
-- expect: SELECT * FROM cpu WHERE value = -2
select * from cpu where value = - 2
;;
-- expect: SELECT * FROM cpu WHERE value = 0
select * from cpu where value = 0
;;
-- expect: SELECT * FROM cpu WHERE value = 0
select * from cpu where value = -0
;;
-- expect: SELECT * FROM cpu WHERE value = -0.0
select * from cpu where value = -0.0
;;
-- expect: SELECT * FROM cpu WHERE value = 12
select * from cpu where value = 00012
;;
-- expect: SELECT * FROM cpu WHERE value = 9223372036854775807
select * from cpu where value = 9223372036854775807
;;
-- expect: SELECT * FROM cpu WHERE value = -9223372036854775808
select * from cpu where value = -9223372036854775808
;;
-- expect: SELECT * FROM cpu WHERE value = 15000000000.0
select * from cpu where value = 1.5e10
;;
-- expect: SELECT * FROM cpu WHERE value = 123456789.123
select * from cpu where value = 123456789.123
;;
-- expect: SELECT * FROM cpu WHERE value = 0.1
select * from cpu where value = 0.1
;;
-- expect: SELECT * FROM cpu WHERE value = 1.7976931348623157E308
select * from cpu where value = 1.7976931348623157E308
;;
# ---- WHERE: strings, quoted and bare --------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE host = 'a'
select * from cpu where host = 'a'
;;
-- expect: SELECT * FROM cpu WHERE host <> 'a'
select * from cpu where host <> 'a'
;;
-- expect: SELECT * FROM cpu WHERE host <> 'a'
select * from cpu where host != 'a'
;;
-- expect: SELECT * FROM cpu WHERE host = 'it''s'
select * from cpu where host = 'it''s'
;;
-- expect: SELECT * FROM cpu WHERE host = ''''
select * from cpu where host = ''''
;;
-- expect: SELECT * FROM cpu WHERE host = ''
select * from cpu where host = ''
;;
-- expect: SELECT * FROM cpu WHERE host = ' spaced  out '
select * from cpu where host = ' spaced  out '
;;
-- expect: SELECT * FROM cpu WHERE host = 'Mixed Case'
select * from cpu where host = 'Mixed Case'
;;
-- expect: SELECT * FROM cpu WHERE priority = 'WHITE'
select * from cpu where priority = WHITE
;;
-- expect: SELECT * FROM cpu WHERE priority = 'WHITE'
select * from cpu where priority = 'WHITE'
;;
-- expect: SELECT * FROM cpu WHERE priority <> 'white'
select * from cpu where priority <> white
;;
-- expect: SELECT * FROM cpu WHERE host = 'count'
select * from cpu where host = count
;;
-- expect: SELECT * FROM cpu WHERE value = 'value'
select * from cpu where value = value
;;
-- expect: SELECT * FROM cpu WHERE host = 'select * from cpu'
select * from cpu where host = 'select * from cpu'
;;
-- expect: SELECT * FROM cpu WHERE host = '-- not a comment' AND region = '/* nor this */'
select * from cpu where host = '-- not a comment' and region = '/* nor this */'
;;
-- expect: SELECT * FROM cpu WHERE host = 'a;b'
select * from cpu where host = 'a;b'
;;
-- expect: SELECT * FROM cpu WHERE host = '#1 @ 100%'
select * from cpu where host = '#1 @ 100%'
;;
-- expect: SELECT * FROM cpu WHERE host = 'back\slash'
select * from cpu where host = 'back\slash'
;;
select * from cpu where host = 'line1
line2'
;;
-- expect: SELECT * FROM cpu WHERE host = 'ünïcödé'
select * from cpu where host = 'ünïcödé'
;;
# ---- WHERE: LIKE ----------------------------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE host LIKE 'a$'
select * from cpu where host like 'a$'
;;
-- expect: SELECT * FROM cpu WHERE host LIKE '$a'
select * from cpu where host LIKE '$a'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE '$ame$'
select * from cpu where name like $ame$
;;
-- expect: SELECT * FROM cpu WHERE name LIKE '$'
select * from cpu where name like $
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'a$'
select * from cpu where name like a$
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'a\$b'
select * from cpu where name like 'a\$b'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'a\$b$'
select * from cpu where name like 'a\$b$'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'a\\b'
select * from cpu where name like 'a\\b'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'a\\$'
select * from cpu where name like 'a\\$'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'it''s $'
select * from cpu where name like 'it''s $'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'no wildcard'
select * from cpu where name like 'no wildcard'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE 'abc'
select * from cpu where name like abc
;;
-- expect: SELECT * FROM cpu WHERE NOT name LIKE 'a$'
select * from cpu where not name like 'a$'
;;
-- expect: SELECT * FROM cpu WHERE name LIKE '$' AND host LIKE 'srv$'
select * from cpu where name like '$' and host like 'srv$'
;;
# ---- WHERE: IN ranges -----------------------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE value IN (1, 2)
select * from cpu where value in (1, 2)
;;
-- expect: SELECT * FROM cpu WHERE value IN (-5, 5)
select * from cpu where value IN (-5, 5)
;;
-- expect: SELECT * FROM cpu WHERE value IN (1.5, 2.5)
select * from cpu where value in (1.5, 2.5)
;;
-- expect: SELECT * FROM cpu WHERE value IN (2, 2)
select * from cpu where value in (2, 2)
;;
-- expect: SELECT * FROM cpu WHERE value IN (1, 1.5)
select * from cpu where value in (1, 1.5)
;;
-- expect: SELECT * FROM cpu WHERE value IN (0.5, 1000.0)
select * from cpu where value in (.5, 1e3)
;;
-- expect: SELECT * FROM cpu WHERE value IN (-9223372036854775808, 9223372036854775807)
select * from cpu where value in (-9223372036854775808, 9223372036854775807)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (NOW - 1h, NOW)
select * from cpu where timestamp in (now - 1h, now)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (NOW - 2d, NOW - 1d)
select * from cpu where timestamp in (now - 2 days, now - 1 day)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (NOW - 1h, NOW + 1h)
select * from cpu where timestamp in (now - 1h, now + 1h)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (1, NOW)
select * from cpu where timestamp in (1, now)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (0, 1000)
select * from cpu where timestamp in (0,1000)
;;
-- expect: SELECT * FROM cpu WHERE timestamp IN (NOW - 1h, NOW - 1h)
select * from cpu where timestamp in (now - 60m, now - 1h)
;;
# ---- WHERE: IS [NOT] NULL -------------------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE host IS NULL
select * from cpu where host is null
;;
-- expect: SELECT * FROM cpu WHERE host IS NOT NULL
select * from cpu where host IS NOT NULL
;;
-- expect: SELECT * FROM cpu WHERE NOT host IS NULL
select * from cpu where not host is null
;;
-- expect: SELECT * FROM cpu WHERE host IS NOT NULL AND value > 1
select * from cpu where host is not null and value > 1
;;
# ---- WHERE: NOT, AND, OR, parentheses -------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2
select * from cpu where a = 1 and b = 2
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR b = 2
select * from cpu where a = 1 or b = 2
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 AND c = 3 AND d = 4
select * from cpu where a = 1 and b = 2 and c = 3 and d = 4
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR b = 2 OR c = 3
select * from cpu where a = 1 or b = 2 or c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR b = 2 AND c = 3
select * from cpu where a = 1 or b = 2 and c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 OR c = 3
select * from cpu where a = 1 and b = 2 or c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 OR c = 3 AND d = 4
select * from cpu where a = 1 and b = 2 or c = 3 and d = 4
;;
-- expect: SELECT * FROM cpu WHERE (a = 1 OR b = 2) AND c = 3
select * from cpu where (a = 1 or b = 2) and c = 3
;;
-- expect: SELECT * FROM cpu WHERE (a = 1 OR b = 2) AND c = 3
select * from cpu where ((a = 1 or b = 2)) and c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 AND c = 3
select * from cpu where (a = 1 and b = 2) and c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 AND c = 3
select * from cpu where a = 1 and (b = 2 and c = 3)
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR b = 2 OR c = 3
select * from cpu where (a = 1 or b = 2) or c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR b = 2 OR c = 3 OR d = 4
select * from cpu where a = 1 or (b = 2 or c = 3) or d = 4
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2 OR c = 3
select * from cpu where (a = 1 and b = 2) or c = 3
;;
-- expect: SELECT * FROM cpu WHERE a = 1
select * from cpu where ((a = 1))
;;
-- expect: SELECT * FROM cpu WHERE a = 1
select * from cpu where (a = 1)
;;
-- expect: SELECT * FROM cpu WHERE NOT a = 1
select * from cpu where not a = 1
;;
-- expect: SELECT * FROM cpu WHERE NOT a = 1 AND b = 2
select * from cpu where not a = 1 and b = 2
;;
-- expect: SELECT * FROM cpu WHERE NOT (a = 1 AND b = 2)
select * from cpu where not (a = 1 and b = 2)
;;
-- expect: SELECT * FROM cpu WHERE NOT (a = 1 OR b = 2) AND c = 3
select * from cpu where not (a = 1 or b = 2) and c = 3
;;
-- expect: SELECT * FROM cpu WHERE NOT NOT a = 1
select * from cpu where not not a = 1
;;
-- expect: SELECT * FROM cpu WHERE NOT a = 1
select * from cpu where (not a = 1)
;;
-- expect: SELECT * FROM cpu WHERE NOT NOT a = 1
select * from cpu where not (not a = 1)
;;
-- expect: SELECT * FROM cpu WHERE NOT a = 1
select * from cpu where not (a = 1)
;;
-- expect: SELECT * FROM cpu WHERE a = 1 OR NOT b = 2 AND c = 3
select * from cpu where a = 1 or not b = 2 and c = 3
;;
-- expect: SELECT * FROM cpu WHERE NOT a = 1 OR NOT b = 2
select * from cpu where NOT a = 1 OR NOT b = 2
;;
-- expect: SELECT * FROM cpu WHERE value >= 1 AND host = 'a'
select * from cpu where value>=1and host='a'
;;
-- expect: SELECT * FROM cpu WHERE timestamp > NOW - 1h AND (host = 'a' OR host = 'b') OR value IN (1, 2) AND NOT region IS NULL
select * from cpu where (timestamp > now - 1h and (host = 'a' or host = 'b')) or (value in (1, 2) and not region is null)
;;
# ---- non-reserved keywords as names ---------------------------------------------------------
-- expect: SELECT count FROM cpu
select count from cpu
;;
-- expect: SELECT count, sum, min, max, avg, first, last FROM cpu
select count, sum, min, max, avg, first, last from cpu
;;
-- expect: SELECT ts, dim, tags, val, metric, databases, namespaces, metrics, asc, desc FROM cpu
select ts, dim, tags, val, metric, databases, namespaces, metrics, asc, desc from cpu
;;
-- expect: SELECT * FROM count
select * from count
;;
-- expect: SELECT * FROM value
select * from value
;;
-- expect: SELECT * FROM cpu WHERE ts = 1
select * from cpu where ts = 1
;;
-- expect: SELECT * FROM cpu WHERE count = 'count'
select * from cpu where count = count
;;
-- expect: SELECT * FROM cpu ORDER BY desc DESC
select * from cpu order by desc desc
;;
-- expect: SELECT * FROM cpu ORDER BY asc
select * from cpu order by asc
;;
-- expect: SELECT * FROM cpu ORDER BY asc
select * from cpu order by asc asc
;;
-- expect: SELECT count(count) FROM count GROUP BY count
select count(count) from count group by count
;;
-- expect: SELECT count(distinct desc) FROM cpu
select count(distinct desc) from cpu
;;
-- expect: SELECT sum(value) FROM value GROUP BY tags
select sum(value) from value group by tags
;;
-- expect: SELECT min, max FROM metrics WHERE first IS NOT NULL
select min, max from metrics where first is not null
;;
# ---- comments, semicolons, layout -----------------------------------------------------------
-- expect: SELECT * FROM cpu
select * from cpu;
;;
-- expect: SELECT * FROM cpu
select * from cpu ;
;;
-- expect: SELECT * FROM cpu
select * from cpu -- a trailing comment
;;
-- expect: SELECT * FROM cpu
-- a leading comment
select * from cpu
;;
-- expect: SELECT * FROM cpu
select /* inline */ * from cpu
;;
-- expect: SELECT * FROM cpu
select * from cpu /* a */ /* b */ ;
;;
-- expect: SELECT * FROM cpu
select * from cpu; -- done
;;
-- expect: SELECT * FROM cpu
/* multi
   line
   comment */ select * from cpu
;;
-- expect: SELECT * FROM cpu
select */**/from/**/cpu
;;
-- expect: SELECT * FROM cpu WHERE host = 'a'
select * from cpu -- it's a quote in a comment
where host = 'a'
;;
-- expect: SELECT * FROM cpu WHERE host = 'a'
select * from cpu /* it's */ where host = 'a'
;;
-- expect: SELECT * FROM cpu WHERE value = 1
select * from cpu where value = 1--1
;;
-- expect: SELECT * FROM cpu WHERE host = 'a'
select *
from cpu
where host = 'a'
;;
-- expect: SELECT host, count(*) FROM cpu WHERE timestamp > NOW - 1h AND value > 0 GROUP BY host ORDER BY host DESC LIMIT 10
select
  host,
  count(*)
from cpu -- the metric
where
  timestamp > now - 1h -- last hour
  and value > 0
group by host
order by host desc
limit 10;
;;
-- expect: SELECT * FROM cpu WHERE value > 1
	select	*	from	cpu	where	value	>	1	
;;
-- expect: SELECT * FROM cpu


select * from cpu


;;
select count(*)
  from cpu
  group by interval 1h
  since 1d
;;
# ---- INSERT ---------------------------------------------------------------------------------
-- expect: INSERT INTO cpu VAL = 1
insert into cpu val = 1
;;
-- expect: INSERT INTO cpu VAL = 1.5
INSERT INTO cpu VAL = 1.5
;;
-- expect: INSERT INTO cpu VAL = -1
insert into cpu val = -1
;;
-- expect: INSERT INTO cpu VAL = 1000.0
insert into cpu val = 1e3
;;
-- expect: INSERT INTO cpu VAL = -0.5
insert into cpu val = -.5
;;
-- expect: INSERT INTO cpu TS = 1 VAL = 1
insert into cpu ts = 1 val = 1
;;
-- expect: INSERT INTO cpu TS = 0 VAL = 0
insert into cpu ts = 0 val = 0
;;
-- expect: INSERT INTO cpu TS = -1 VAL = 1
insert into cpu ts = -1 val = 1
;;
-- expect: INSERT INTO cpu TS = -9223372036854775808 VAL = 1
insert into cpu ts = -9223372036854775808 val = 1
;;
-- expect: INSERT INTO cpu TS = 9223372036854775807 VAL = 9223372036854775807
insert into cpu ts = 9223372036854775807 val = 9223372036854775807
;;
-- expect: INSERT INTO cpu DIM (host = 'a') VAL = 1
insert into cpu dim(host = 'a') val = 1
;;
-- expect: INSERT INTO cpu DIM (host = 'a') VAL = 1
insert into cpu dim ( host = a ) val = 1
;;
-- expect: INSERT INTO cpu TAGS (region = 'eu') VAL = 1
insert into cpu tags(region = eu) val = 1
;;
-- expect: INSERT INTO cpu DIM (host = 'a', cores = 4) VAL = 1
insert into cpu dim(host = 'a', cores = 4) val = 1
;;
-- expect: INSERT INTO cpu TS = 1600000000000 DIM (host = 'a', cores = 4) TAGS (region = 'eu-west', rack = 2.5) VAL = 0.5
insert into cpu ts = 1600000000000 dim(host = 'a', cores = 4) tags(region = 'eu-west', rack = 2.5) val = 0.5
;;
-- expect: INSERT INTO cpu DIM (host = 'it''s here', note = '') VAL = 1
insert into cpu dim(host = 'it''s here', note = '') val = 1
;;
-- expect: INSERT INTO cpu DIM (ts = 1, dim = 2) TAGS (tags = 3, val = 4) VAL = 5
insert into cpu dim(ts = 1, dim = 2) tags(tags = 3, val = 4) val = 5
;;
-- expect: INSERT INTO ts TS = 1 DIM (dim = 1) TAGS (tags = 1) VAL = 1
insert into ts ts = 1 dim(dim = 1) tags(tags = 1) val = 1
;;
-- expect: INSERT INTO cpu DIM (negative = -3, decimal = -0.00025) VAL = 1
insert into cpu dim(negative = -3, decimal = -2.5E-4) val = 1
;;
-- expect: INSERT INTO cpu TS = 1 VAL = 2
insert into cpu ts = 1 val = 2;
;;
-- expect: INSERT INTO cpu TS = 1 DIM (host = 'a') TAGS (region = 'eu') VAL = 1
insert into cpu
  ts = 1
  dim (host = 'a')
  tags (region = 'eu')
  val = 1
;;
# ---- DELETE ---------------------------------------------------------------------------------
-- expect: DELETE FROM cpu WHERE timestamp < NOW - 1w
delete from cpu where timestamp < now - 7d
;;
-- expect: DELETE FROM cpu WHERE host = 'a' AND value > 1
delete from cpu where host = 'a' and value > 1
;;
-- expect: DELETE FROM cpu WHERE timestamp IN (0, 1000)
delete from cpu where timestamp in (0, 1000)
;;
-- expect: DELETE FROM cpu WHERE NOT (host LIKE 'srv$' OR host IS NULL)
DELETE FROM cpu WHERE not (host like 'srv$' or host is null)
;;
-- expect: DELETE FROM cpu WHERE value = 1
delete from cpu where value = 1;
;;
# ---- DROP, SHOW, DESCRIBE, USE --------------------------------------------------------------
-- expect: DROP METRIC cpu
drop metric cpu
;;
-- expect: DROP METRIC Cpu
DROP METRIC Cpu;
;;
-- expect: DROP METRIC metric
drop metric metric
;;
-- expect: SHOW DATABASES
show databases
;;
-- expect: SHOW NAMESPACES
SHOW NAMESPACES
;;
-- expect: SHOW METRICS
Show Metrics;
;;
-- expect: DESCRIBE cpu
describe cpu
;;
-- expect: DESCRIBE cpu
DESCRIBE cpu;
;;
-- expect: DESCRIBE metrics
describe metrics
;;
-- expect: USE ns
use ns
;;
-- expect: USE db.ns
use db.ns
;;
-- expect: USE db.ns
use db . ns
;;
-- expect: USE Db.Ns
USE Db.Ns;
;;
-- expect: USE databases.namespaces
use databases.namespaces
;;
-- expect: USE count
use count
;;
# ---- nesting up to the limit of 64 ---------------------------------------------------------
-- expect: SELECT * FROM cpu WHERE a = 1
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- expect: SELECT * FROM cpu WHERE value IN (1, 2)
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((value in (1, 2)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
-- expect: DELETE FROM cpu WHERE host IS NOT NULL
delete from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((host is not null))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
;;
select * from cpu where not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not a = 1
;;
select * from cpu where not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not ((((((((((((((((((((((((((((((((a = 1))))))))))))))))))))))))))))))))
;;
-- expect: SELECT * FROM cpu WHERE a = 1 AND b = 2
select * from cpu where ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a = 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) and ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((b = 2))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
