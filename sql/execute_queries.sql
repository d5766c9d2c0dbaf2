-- execute_queries: the first slice of fraiseql.execute over views.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

-- a root list field: camelCase fields read snake_case keys, in selection order
SELECT pg_temp.gql('{ users { id email firstName loginCount } }');

-- selection order decides key order, not the order of keys in data
SELECT pg_temp.gql('{ users { loginCount email } }');

-- a selected key missing from data gives null (Bob has no last_name, no company)
SELECT pg_temp.gql('{ users { email lastName company { name } } }');

-- a single-row root field with a literal argument
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000002") { email firstName } }');

-- the same through a variable, and with an operation name
SELECT pg_temp.gql('query One($id: UUID!) { user(id: $id) { email } }',
                   '{"id": "a0000000-0000-0000-0000-000000000003"}', 'One');

-- no matching row: null, no error
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-0000000000ff") { email } }');

-- aliases, also of the same field with different arguments
SELECT pg_temp.gql('{ ann: user(id: "a0000000-0000-0000-0000-000000000001") { name: firstName }
                      bob: user(id: "a0000000-0000-0000-0000-000000000002") { name: firstName } }');

-- __typename at the root and in nested objects
SELECT pg_temp.gql('{ __typename posts { __typename title author { __typename email } } }');

-- nested objects and lists are projected with their own selection sets
SELECT pg_temp.gql('{ users { firstName company { name } posts { title published } } }');

-- @field(key:) maps a field to an explicit JSON key
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { mail email } }');

-- strings are escaped per RFC 8259 (quotes, backslash, control characters) and UTF-8 kept
SELECT pg_temp.gql('{ users { email company { name } } posts { title } }');

-- limit and offset on list fields, as parameters
SELECT pg_temp.gql('query ($n: Int) { users(limit: $n, offset: 1) { email } }', '{"n": 1}');

-- an argument filtering a list on a real column of the view
SELECT pg_temp.gql('{ postsByAuthor(authorId: "a0000000-0000-0000-0000-000000000001") { title } }');

-- fragments and inline fragments merge into selection order; @skip/@include apply
SELECT pg_temp.gql('query ($skip: Boolean!) { users(limit: 1) { ...Names ... on User { email } loginCount @skip(if: $skip) id @include(if: false) } }
                    fragment Names on User { firstName lastName }', '{"skip": true}');

-- the same field selected twice merges (one key), sub-selections combine
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { company { id } company { name } } }');

-- a value that breaks a non-null field nulls the nearest nullable parent, with a path
CREATE OR REPLACE VIEW app.v_post AS
SELECT p.id, p.author_id,
       jsonb_build_object('id', p.id, 'published', p.published,
                          'author', jsonb_build_object('id', p.author_id)) AS data
FROM app.tb_post p;
SELECT pg_temp.gql('{ post(id: "b0000000-0000-0000-0000-000000000001") { id title } }');
SELECT pg_temp.gql('{ posts { author { email } } }');
SELECT pg_temp.gql('{ posts { id title } }');

-- leaf values are coerced as graphql-js 17 serializes them (its answers are in
-- test/conformance/data/serialize.json): jsonb numbers as the doubles JSON.parse
-- gives, written as JavaScript writes them; strings read as Number() reads them
CREATE TABLE app.tb_sample (n int PRIMARY KEY, v jsonb);
INSERT INTO app.tb_sample VALUES
    (1, '"1.5"'), (2, '0'), (3, '1.50'), (4, '1e3'), (5, '1.0'), (6, '" 1"'), (7, '"0x10"'), (8, 'true'),
    (9, '""'), (10, '2147483648'), (11, '1e400'), (12, '1e21'), (13, '0.0000001'), (14, '{"a": 1.50}'),
    (15, '12345678901234567890');
CREATE VIEW app.v_sample AS
SELECT n AS id, jsonb_build_object('n', n, 's', v, 'i', v, 'f', v, 'b', v, 'id', v) AS data
FROM app.tb_sample ORDER BY n;
SELECT fraiseql.load_schema($$
type Sample @view(name: "app.v_sample") { n: Int! s: String i: Int f: Float b: Boolean id: ID }
type Query { samples: [Sample!]! }
$$) IS NULL AS loaded;
SELECT pg_temp.gql('{ samples { n f } }');
SELECT pg_temp.gql('{ samples { n b } }');
SELECT pg_temp.gql('{ samples { n i } }');
SELECT pg_temp.gql('{ samples { n s } }');
-- an integral ID or String beyond 2^53 keeps its digits (JSON.parse would round them)
SELECT pg_temp.gql('{ samples { n id } }');

ROLLBACK;
