-- filter_range: IntRange, DateRange and DateTimeRange filters on real
-- int4range/daterange/tstzrange columns and on the JSON path (::int8range...),
-- values in PostgreSQL's range text ("[1,5)", "empty"); bad range literals.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off
-- the view writes ranges with to_jsonb, in the session's DateStyle: ISO keeps them readable
SET DateStyle = ISO;
SET TimeZone = 'UTC';

-- span: 1 [1,5) | 2 [5,10) | 3 empty | 4 NULL | 5 [3,4) | 6 [10,20) | 7 [1,5)
-- days: 1 [2026-01-01,2026-02-01) | 2 [2026-02-01,2026-03-01) | 3 [2025-12-01,2026-01-01) | 5 [2026-01-15,2026-01-16) | 6 empty | 7 = 1
-- period: 1 and 7 [01-01,01-02) | 2 [01-02,01-03) | 3 [01-01 12:00,) | 5 (,01-01) | 6 empty
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'eq column (a tie: 1 and 7)', 'where: {span: {eq: "[1,5)"}}'),
 (2,  'eq json, canonical form',    'where: {spanJson: {eq: "[1,4]"}}'),
 (3,  'eq empty',                   'where: {span: {eq: "empty"}}'),
 (4,  'neq (null never matches)',   'where: {span: {neq: "[1,5)"}}'),
 (5,  'isnull',                     'where: {spanJson: {isnull: true}}'),
 (6,  'containsValue column',       'where: {span: {containsValue: 4}}'),
 (7,  'containsValue json',         'where: {spanJson: {containsValue: 10}}'),
 (8,  'contains',                   'where: {span: {contains: "[3,4)"}}'),
 (9,  'contains empty (every non-null range)', 'where: {spanJson: {contains: "empty"}}'),
 (10, 'containedBy',                'where: {span: {containedBy: "[0,10)"}}'),
 (11, 'overlaps json',              'where: {spanJson: {overlaps: "[4,6)"}}'),
 (12, 'adjacent',                   'where: {span: {adjacent: "[5,7)"}}'),
 (13, 'strictlyLeft',               'where: {span: {strictlyLeft: "[5,6)"}}'),
 (14, 'strictlyRight json',         'where: {spanJson: {strictlyRight: "[0,5)"}}'),
 (15, 'DateRange containsValue',    'where: {days: {containsValue: "2026-01-15"}}'),
 (16, 'DateRange overlaps json',    'where: {daysJson: {overlaps: "[2026-01-31,2026-02-02)"}}'),
 (17, 'DateRange unbounded',        'where: {days: {containedBy: "[2026-01-01,)"}}'),
 (18, 'DateTimeRange containsValue', 'where: {period: {containsValue: "2026-01-01T12:30:00Z"}}'),
 (19, 'DateTimeRange json, offset', 'where: {periodJson: {containsValue: "2026-01-01T01:30:00+02:00"}}'),
 (20, 'DateTimeRange strictlyLeft', 'where: {period: {strictlyLeft: "[2026-01-01T00:00:00Z,2026-01-01T01:00:00Z)"}}'),
 (21, 'NOT containsValue (null stays out)', 'where: {NOT: {span: {containsValue: 4}}}')
) AS t(n, what, args) ORDER BY n;

-- bad ranges are GraphQL errors, never SQL ones; then the session goes on
SELECT pg_temp.ids('where: {span: {contains: "[1,"}}') AS unterminated;
SELECT pg_temp.ids('where: {span: {contains: "[a,b)"}}') AS not_integers;
SELECT pg_temp.ids('where: {span: {contains: "[5,1)"}}') AS lower_above_upper;
SELECT pg_temp.ids('where: {span: {contains: "[1,3000000000)"}}') AS too_big_for_the_int4range_column;
SELECT pg_temp.ids('where: {days: {overlaps: $d}}', '{"d": "[2026-02-30,)"}', '($d: DateRange)') AS no_such_day;
SELECT pg_temp.ids('where: {span: {containsValue: "x"}}') AS bad_value;
SELECT pg_temp.ids('where: {span: {gt: "[1,2)"}}') AS wrong_operator;
SELECT pg_temp.ids('where: {span: {overlaps: "[1,2)"}}') AS after_errors;
SELECT pg_temp.gql('{ hosts(where: {id: {in: [3, 5]}}, orderBy: [{id: ASC}]) { span days period spanJson } }');
ROLLBACK;
