-- argument_defaults: an argument declared with a default (`limit: Int = 2`)
-- takes it when the request leaves the argument out, or gives it a variable
-- the request did not set (graphql-js's CoerceArgumentValues); an explicit
-- null stays null. Views, connections, @function arguments, single rows.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\o /dev/null
CREATE SCHEMA dft;
CREATE TABLE dft.tb (id int PRIMARY KEY, name text, score int);
INSERT INTO dft.tb SELECT i, 'n' || i, i % 3 FROM generate_series(1, 9) i;
CREATE VIEW dft.v AS SELECT id, name, score, jsonb_build_object('id', id, 'name', name, 'score', score) AS data FROM dft.tb;
CREATE FUNCTION dft.fn_top(n int) RETURNS SETOF dft.v LANGUAGE sql STABLE AS $$ SELECT * FROM dft.v ORDER BY id DESC LIMIT n $$;
SELECT fraiseql.load_schema($$
type T @view(name: "dft.v") { id: Int! name: String score: Int }
type Query {
  ts(limit: Int = 2, offset: Int = 1): [T!]!
  byScore(score: Int = 1): [T!]!
  tsConnection(first: Int = 3): TConnection! @connection(type: "T")
  top(n: Int = 2): [T!]! @function(name: "dft.fn_top")
  one(id: Int = 4): T
}
$$);
\o
\pset tuples_only on
\pset format unaligned
\set QUIET off

-- the defaults are part of the effective schema
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line WHERE line ~ '= [0-9]';

-- one session, so every variables shape of a document gets its own plan
SELECT q, coalesce(v, '-'), convert_from(fraiseql.execute(q, v::jsonb), 'UTF8') FROM (VALUES
 (1, '{ ts { id } }', NULL),
 (2, '{ ts(limit: 5) { id } }', NULL),
 (3, '{ ts(limit: null) { id } }', NULL),
 (4, 'query($l: Int) { ts(limit: $l) { id } }', '{}'),
 (5, 'query($l: Int) { ts(limit: $l) { id } }', '{"l": 4}'),
 (6, 'query($l: Int) { ts(limit: $l) { id } }', '{"l": null}'),
 (7, 'query($l: Int) { ts(limit: $l) { id } }', '{}'),
 (8, 'query($l: Int = 3) { ts(limit: $l) { id } }', '{}'),
 (9, '{ byScore { id } }', NULL),
 (10, '{ byScore(score: 2) { id } }', NULL),
 (11, '{ tsConnection { edges { node { id } } pageInfo { hasNextPage } } }', NULL),
 (12, '{ tsConnection(first: 1) { edges { node { id } } } }', NULL),
 (13, '{ top { id } }', NULL),
 (14, 'query($n: Int) { top(n: $n) { id } }', '{"n": 3}'),
 (15, '{ one { name } }', NULL)
) t(n, q, v) ORDER BY n;
ROLLBACK;
