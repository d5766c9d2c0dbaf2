-- aggregates: the generated <xs>Aggregate root fields and the `aggregate`
-- field of connections: count, countDistinct, sum/avg/min/max by type,
-- NULLs, empty results, groupBy with ties and unicode keys, having, orderBy,
-- limit and fraiseql.max_limit, variables, bad input, schema_sdl().
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\o /dev/null
CREATE SCHEMA agg;
-- qty, region and at are real columns of the view; the rest is read from
-- the JSON. region has NULLs, unicode and ties (two regions with 3 rows);
-- big holds a value beyond 2^53; price is numeric, so sums are exact.
CREATE TABLE agg.tb_sale (id int PRIMARY KEY, region text, product text, qty int, price numeric, big bigint,
                          ratio float8, sold date, at timestamptz, ok boolean, tags text[]);
INSERT INTO agg.tb_sale VALUES
  (1, 'north', 'apple', 3, 10.50, 9007199254740993, 1.5, '2026-01-01', '2026-01-01 10:00+00', true, '{a}'),
  (2, 'north', 'pear', 5, 2.25, 1, 2.5, '2026-01-03', '2026-01-02 10:00+00', false, '{}'),
  (3, 'south', 'apple', NULL, 7.00, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'Zürich', 'äpfel', 2, 1.10, 5, 0.25, '2025-12-31', '2025-12-31 23:00+00', true, '{b}'),
  (5, NULL, 'pear', 1, NULL, 2, 4, '2026-02-01', '2026-02-01 00:00+00', true, NULL),
  (6, 'south', 'pear', 5, 3.00, 3, 1, '2026-01-10', '2026-01-10 00:00+00', false, '{a,b}'),
  (7, 'north', 'apple', 4, 0.15, 4, -1, '2026-01-05', '2026-01-05 12:30+00', NULL, '{a}'),
  (8, 'south', 'fig', 1, 0.10, 6, 0.5, '2026-01-06', '2026-01-06 00:00+00', true, '{}'),
  (9, '日本', 'fig', 2, 1, 7, 2, '2026-01-07', '2026-01-07 00:00+00', false, NULL);
CREATE VIEW agg.v_sale AS
SELECT id, qty, region, at,
       jsonb_build_object('id', id, 'region', region, 'product', product, 'qty', qty, 'price', price, 'big', big,
                          'ratio', ratio, 'sold', sold, 'at', at, 'ok', ok, 'tags', tags) AS data
FROM agg.tb_sale;
SELECT fraiseql.load_schema($$
scalar Date
scalar DateTime
type Sale @view(name: "agg.v_sale") {
  id: Int! region: String product: String qty: Int price: Decimal big: BigInt ratio: Float
  sold: Date at: DateTime ok: Boolean tags: [String!]
}
type Query {
  sales: [Sale!]!
  salesConnection: SaleConnection! @connection(type: "Sale")
}
$$);
CREATE FUNCTION pg_temp.q(query text, variables jsonb DEFAULT NULL) RETURNS text
LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables), 'UTF8') $$;
\o
\pset tuples_only on
\pset format unaligned
\set ECHO queries
\set QUIET off

-- the whole set: count, countDistinct (NULL is not a value), sums (Int as a
-- BigInt string, BigInt and Decimal exact strings, Float a number), averages
-- (Float, Decimal a string), min/max of numbers, text, dates and times
SELECT pg_temp.q('{ salesAggregate { count countDistinct { region product ok } sum { qty price big ratio } avg { qty price ratio big } min { qty price big region sold at } max { qty price big region sold at } } }');

-- where applies; nothing matches: count 0, every other aggregate null, no
-- groups when grouped, the one group of all (no) rows when not
SELECT pg_temp.q('{ salesAggregate(where: {qty: {gt: 100}}) { count countDistinct { region } sum { qty price } avg { ratio } min { sold } max { region } groups { count sum { qty } } } }');
SELECT pg_temp.q('{ salesAggregate(where: {qty: {gt: 100}}, groupBy: [REGION]) { count groups { keys { region } count } } }');
SELECT pg_temp.q('{ salesAggregate(where: {OR: [{region: {eq: "north"}}, {product: {eq: "fig"}}]}) { count sum { qty } } }');

-- groupBy: by default groups are ordered by their keys, ascending, NULL last
-- (code point order: "Zürich" before "north", "日本" last but NULL)
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION]) { groups { keys { region product } count } } }');
-- ties of orderBy (north and south both have 3 rows) are broken by the keys
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], orderBy: [{count: DESC}]) { groups { keys { region } count } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], orderBy: [{count: DESC}, {keys: {region: DESC}}]) { groups { keys { region } count } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], orderBy: [{keys: {region: ASC_NULLS_FIRST}}]) { groups { keys { region } } } }');
-- two keys, ordered by an aggregate, limited; the whole-set fields beside
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION, PRODUCT], orderBy: [{sum: {qty: DESC}}], limit: 3) { count groups { keys { region product } count sum { qty price } avg { qty } max { sold } } } }');
-- keys of every groupable kind: a Boolean (NULL a group of its own), a Date
SELECT pg_temp.q('{ salesAggregate(groupBy: [OK]) { groups { keys { ok } count min { sold } } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [SOLD], where: {sold: {lt: "2026-01-04"}}) { groups { keys { sold } count } } }');
-- a BigInt key is a string, like BigInt aggregates
SELECT pg_temp.q('{ salesAggregate(groupBy: [BIG], where: {id: {lte: 2}}) { groups { keys { big } count } } }');

-- having: count, an aggregate, AND/OR/NOT; each value is a parameter
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {count: {gte: 2}}) { groups { keys { region } count } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {sum: {qty: {gt: 8}}}) { groups { keys { region } sum { qty } } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {OR: [{avg: {ratio: {lt: 1}}}, {max: {sold: {gte: "2026-02-01"}}}]}) { groups { keys { region } avg { ratio } max { sold } } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {NOT: {count: {eq: 1}}, countDistinct: {product: {neq: 1}}}) { groups { keys { region } count countDistinct { product } } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {AND: [], OR: []}) { groups { count } } }');
-- having without groupBy keeps or drops the one group
SELECT pg_temp.q('{ salesAggregate(having: {count: {gt: 100}}) { count groups { count } } }');

-- variables: groupBy, having, orderBy and limit given as variables
SELECT pg_temp.q('query ($g: [SaleGroupBy!], $h: SaleAggregateHavingInput, $o: [SaleAggregateOrderByInput!], $n: Int) { salesAggregate(groupBy: $g, having: $h, orderBy: $o, limit: $n) { groups { keys { region product } count } } }',
                 '{"g": ["PRODUCT"], "h": {"count": {"gt": 1}}, "o": [{"count": "ASC"}], "n": 2}');
SELECT pg_temp.q('query ($g: [SaleGroupBy!], $n: Int) { salesAggregate(groupBy: $g, limit: $n) { groups { keys { region product } count } } }',
                 '{"g": ["REGION"]}');
SELECT pg_temp.q('query ($m: Int) { salesAggregate(groupBy: [REGION], having: {count: {gt: $m}}) { groups { keys { region } } } }',
                 '{"m": 2}');

-- fraiseql.max_limit caps the groups (and applies without a limit)
SET LOCAL fraiseql.max_limit = 2;
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION]) { groups { keys { region } } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], limit: 10) { count groups { keys { region } } } }');
SET LOCAL fraiseql.max_limit = 0;

-- aliases, fragments and __typename; a field selected twice is computed once
SELECT pg_temp.q('{ a: salesAggregate(groupBy: [PRODUCT], limit: 1) { __typename n: count ... on SaleAggregate { sum { qty } s2: sum { price } } groups { __typename keys { __typename product } } } }');

-- the aggregate field of a connection: over the connection's where, whatever the page
SELECT pg_temp.q('{ salesConnection(first: 1, where: {region: {eq: "north"}}) { totalCount aggregate { count sum { qty } min { at } groups { count } } edges { node { id } } } }');
SELECT pg_temp.q('{ salesConnection(last: 2, where: {product: {eq: "none"}}) { edges { node { id } } x: aggregate { count max { qty } } } }');

-- bad input: validation errors for having on a plain field and groupBy on a
-- list; a key ordered but not grouped; a negative limit
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], having: {region: {eq: "north"}}) { count } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [TAGS]) { count } }');
SELECT pg_temp.q('{ salesAggregate(having: {sum: {region: {gt: 1}}}) { count } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], orderBy: [{keys: {product: ASC}}]) { groups { count } } }');
SELECT pg_temp.q('{ salesAggregate(groupBy: [REGION], limit: -1) { groups { count } } }');
SELECT pg_temp.q('{ salesAggregate { sum { tags } } }');
SELECT pg_temp.q('{ salesAggregate { count } }') AS session_goes_on;

-- schema_sdl() prints the field and its types, and loads again
SELECT substring(fraiseql.schema_sdl() FROM '  salesAggregate[^\n]*');
SELECT substring(fraiseql.schema_sdl() FROM 'type SaleAggregate \{[^}]*\}');
SELECT substring(fraiseql.schema_sdl() FROM 'type SaleSumFields \{[^}]*\}');
SELECT substring(fraiseql.schema_sdl() FROM 'input SaleAggregateHavingInput \{[^}]*\}');
CREATE TEMP TABLE before_reload AS SELECT fraiseql.schema_sdl() AS sdl;
SELECT fraiseql.load_schema(fraiseql.schema_sdl());
SELECT fraiseql.schema_sdl() = sdl AS reload_gives_same_schema FROM before_reload;
SELECT pg_temp.q('{ salesAggregate(groupBy: [PRODUCT], orderBy: [{count: DESC}], limit: 1) { groups { keys { product } count } } }');
-- a declared field of the generated name that differs is a load error
SELECT fraiseql.load_schema($$
type Sale @view(name: "agg.v_sale") { id: Int! qty: Int }
type Query { sales: [Sale!]! salesAggregate: Int }
$$);
ROLLBACK;
