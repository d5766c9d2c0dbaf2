-- execute_json: the response as json for clients that read text results; the
-- same bytes as execute, for data, field errors, request errors, variables,
-- context and persisted_only.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

SELECT pg_typeof(fraiseql.execute_json('{ users(limit: 1) { id } }'));
SELECT fraiseql.execute_json('{ users(limit: 2) { id email } }');

-- byte for byte what execute answers, over requests of every kind
SELECT q, fraiseql.execute_json(q, v::jsonb, o, c::jsonb)::text = convert_from(fraiseql.execute(q, v::jsonb, o, c::jsonb), 'UTF8') AS same
FROM (VALUES
 ('{ users { id email firstName loginCount company { name } } }', NULL, NULL, NULL),
 ('query ($n: Int) { users(limit: $n) { email } }', '{"n": 1}', NULL, NULL),
 ('query A { users(limit: 1) { id } } query B { posts(limit: 1) { title } }', NULL, 'B', NULL),
 ('{ users { nope } }', NULL, NULL, NULL),
 ('{ users(', NULL, NULL, NULL),
 ('query ($n: Int) { users(limit: $n) { id } }', '[1]', NULL, NULL),
 ('{ users(limit: 1) { id } }', NULL, NULL, '"not an object"'),
 ('{ __typename }', NULL, NULL, '{"tenant_id": "t1"}')
) AS t(q, v, o, c);

-- a response that is valid JSON for the json type's own parser too
SELECT fraiseql.execute_json('{ users(limit: 1) { email } }')::text::json IS NOT NULL AS parses;

-- persisted_only applies as for execute
SET fraiseql.persisted_only = on;
SELECT fraiseql.execute_json('{ users(limit: 1) { id } }');
RESET fraiseql.persisted_only;
ROLLBACK;
