-- order_limit: orderBy (multi-key, the six directions, nulls, typed order),
-- ties broken by the id column, limit/offset and fraiseql.max_limit.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_filters.sql
\set ECHO all
\set QUIET off

-- Data (ids 1-7): qty 9 | 10 | 100 | -5 | 0 | NULL | 2; price 9.5 | 10 | 100 | NULL | 0.001 | 2.50 | 20;
-- seen 01-02 10:00Z | 01-10 | 2023-12-31 | NULL | 05-31 22:00Z | 01-02 09:00Z | 01-02 10:00Z;
-- mood HAPPY | SAD | ANGRY | NULL | HAPPY | SAD | HAPPY (enum order HAPPY < SAD < ANGRY); active t | f | t | NULL | f | t | t.
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'no orderBy: by id',          'limit: 10'),
 (2,  'Int ASC (column)',           'orderBy: [{qty: ASC}]'),
 (3,  'Int DESC',                   'orderBy: [{qty: DESC}]'),
 (4,  'ASC_NULLS_FIRST',            'orderBy: [{qty: ASC_NULLS_FIRST}]'),
 (5,  'ASC_NULLS_LAST',             'orderBy: [{qty: ASC_NULLS_LAST}]'),
 (6,  'DESC_NULLS_FIRST',           'orderBy: [{qty: DESC_NULLS_FIRST}]'),
 (7,  'DESC_NULLS_LAST',            'orderBy: [{qty: DESC_NULLS_LAST}]'),
 (8,  'Int on JSON: numeric order', 'orderBy: [{qtyJson: ASC}]'),
 (9,  'Decimal on JSON',            'orderBy: [{price: DESC_NULLS_LAST}]'),
 (10, 'DateTime column',            'orderBy: [{seen: ASC}]'),
 (11, 'DateTime JSON',              'orderBy: [{seenJson: ASC}]'),
 (12, 'enum column: enum order',    'orderBy: [{mood: ASC}]'),
 (13, 'enum JSON: text order',      'orderBy: [{moodJson: ASC}]'),
 (14, 'multi-key, list = priority', 'orderBy: [{active: DESC}, {qty: ASC}]'),
 (15, 'priority reversed',          'orderBy: [{qty: ASC}, {active: DESC}]'),
 (16, 'ties broken by id',          'orderBy: [{moodJson: DESC}]'),
 (17, 'two keys in one object',     'orderBy: [{qty: DESC, active: ASC}]'),
 (18, 'single object, not a list',  'orderBy: {price: ASC}'),
 (19, 'null direction ignored',     'orderBy: [{qty: null}, {price: DESC}]'),
 (20, 'empty list',                 'orderBy: []'),
 (21, 'limit',                      'orderBy: [{qty: DESC_NULLS_LAST}], limit: 3'),
 (22, 'offset',                     'orderBy: [{qty: DESC_NULLS_LAST}], offset: 5'),
 (23, 'limit + offset',             'orderBy: [{qty: DESC_NULLS_LAST}], limit: 2, offset: 2'),
 (24, 'limit 0',                    'limit: 0'),
 (25, 'limit null',                 'limit: null'),
 (26, 'where + orderBy + limit',    'where: {qty: {gte: 0}}, orderBy: [{price: ASC}], limit: 2'),
 (27, 'negative limit',             'limit: -1')
) AS t(n, what, args) ORDER BY n;

-- orderBy through a variable: directions are part of the plan's shape
SELECT pg_temp.ids('orderBy: $o', '{"o": [{"mood": "DESC"}, {"qty": "ASC"}]}', '($o: [ItemOrderByInput!])') AS by_variable;
SELECT pg_temp.ids('orderBy: [{qty: $d}]', '{"d": "DESC_NULLS_LAST"}', '($d: OrderDirection)') AS direction_variable;
SELECT pg_temp.ids('orderBy: [{qty: $d}]', '{"d": "ASC_NULLS_FIRST"}', '($d: OrderDirection)') AS direction_variable;
SELECT pg_temp.ids('limit: $l, offset: $o', '{"l": 2, "o": 1}', '($l: Int, $o: Int)') AS limit_variables;
SELECT fraiseql.explain('query ($o: [ItemOrderByInput!]) { items(orderBy: $o, limit: 5) { id } }', '{"o": [{"price": "DESC"}, {"name": "ASC_NULLS_FIRST"}]}')->'roots'->0->>'sql' AS sql;

-- fraiseql.max_limit caps limit (a larger one, or none, gives the cap); 0 is no cap
SET LOCAL fraiseql.max_limit = 3;
SELECT pg_temp.ids('limit: 100') AS capped, pg_temp.ids('offset: 1') AS no_limit, pg_temp.ids('limit: 2') AS below;
SELECT pg_temp.ids('limit: $l', '{"l": 50}', '($l: Int)') AS capped_variable;
SELECT (fraiseql.explain('{ items(limit: 100) { id } }')->'roots'->0) - 'field' AS plan;
SET LOCAL fraiseql.max_limit = 0;
SELECT pg_temp.ids('limit: 100') AS uncapped;
ROLLBACK;
