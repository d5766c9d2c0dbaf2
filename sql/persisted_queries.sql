-- persisted_queries: fraiseql.persist / execute_persisted and fraiseql.persisted_only.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

CREATE FUNCTION pg_temp.pq(hash text, variables jsonb DEFAULT NULL, operation_name text DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute_persisted(hash, variables, operation_name), 'UTF8') $$;

-- persist returns the lower-case hex sha256 of the UTF-8 text (non-ASCII included)
SELECT fraiseql.persist(q) = encode(sha256(convert_to(q, 'UTF8')), 'hex') AS hash_is_sha256
FROM (VALUES ('{ users { email } }'), ('{ users(where: {firstName: {eq: "Cé"}}) { email } }')) AS t(q);

-- idempotent: the same hash again, one row
SELECT fraiseql.persist('{ users { email } }') = fraiseql.persist('{ users { email } }') AS same_hash;
SELECT count(*) FROM fraiseql.persisted_query WHERE query = '{ users { email } }';

-- a round trip gives what execute gives
SELECT pg_temp.pq(fraiseql.persist('{ users { email } }'));
SELECT pg_temp.pq(fraiseql.persist('{ users { email } }')) = pg_temp.gql('{ users { email } }') AS same_response;

-- variables and operation_name are passed through
SELECT pg_temp.pq(fraiseql.persist('query A($id: UUID!) { user(id: $id) { email } } query B { users(limit: 1) { firstName } }'),
                  '{"id": "a0000000-0000-0000-0000-000000000002"}', 'A');
SELECT pg_temp.pq(fraiseql.persist('query A($id: UUID!) { user(id: $id) { email } } query B { users(limit: 1) { firstName } }'),
                  NULL, 'B');
-- ... and their errors are execute's (a missing variable, no operation chosen)
SELECT pg_temp.pq(fraiseql.persist('query A($id: UUID!) { user(id: $id) { email } } query B { users(limit: 1) { firstName } }'),
                  NULL, 'A');
SELECT pg_temp.pq(fraiseql.persist('query A($id: UUID!) { user(id: $id) { email } } query B { users(limit: 1) { firstName } }'));

-- an upper-case hash finds the same document
SELECT pg_temp.pq(upper(fraiseql.persist('{ users { email } }'))) = pg_temp.gql('{ users { email } }') AS upper_case_hash;

-- a stored document that does not validate gives execute's request error
SELECT pg_temp.pq(fraiseql.persist('{ users { nope } }'));

-- the same plan cache entry serves execute and execute_persisted
SELECT fraiseql.cache_reset();
SELECT pg_temp.gql('{ posts { title } }') IS NOT NULL;
SELECT (fraiseql.cache_stats()->>'hits')::int AS hits_before;
SELECT pg_temp.pq(fraiseql.persist('{ posts { title } }')) IS NOT NULL;
SELECT (fraiseql.cache_stats()->>'hits')::int AS hits_after, (fraiseql.cache_stats()->>'entries')::int AS entries;

-- an unknown hash is a request error, not an SQL error
SELECT pg_temp.pq(repeat('0', 64));
SELECT pg_temp.pq('not a hash');
-- a null hash is an SQL error, like a null query for execute
SELECT fraiseql.execute_persisted(NULL);
-- persist is STRICT: null in, null out, nothing stored
SELECT fraiseql.persist(NULL) IS NULL AS null_persists_nothing;

-- the table checks that a hash is the document's own (terse: the detail has a timestamp)
\set VERBOSITY terse
INSERT INTO fraiseql.persisted_query (hash, query) VALUES (repeat('0', 64), '{ users { id } }');
\set VERBOSITY default

-- persisted_only: execute refuses documents that were not persisted ...
SET fraiseql.persisted_only = on;
SELECT pg_temp.gql('{ users { firstName } }');
-- ... runs the exact text of a persisted one (an allowlist) ...
SELECT pg_temp.gql('{ users { email } }') = pg_temp.pq(fraiseql.persist('{ users { email } }')) AS persisted_text_runs;
-- ... but not a variant of it (one more space)
SELECT pg_temp.gql('{ users  { email } }');
-- execute_persisted works as before, explain is not affected
SELECT pg_temp.pq(fraiseql.persist('{ users(limit: 1) { firstName } }'));
SELECT fraiseql.explain('{ users { firstName } }') ? 'cache_key' AS explain_works;
-- a null query still gets execute's own error
SELECT fraiseql.execute(NULL);
RESET fraiseql.persisted_only;
SELECT pg_temp.gql('{ users(limit: 1) { firstName } }');

-- privileges: a plain role may read the documents and run execute_persisted ...
CREATE ROLE regress_fraiseql_plain;
GRANT USAGE ON SCHEMA app TO regress_fraiseql_plain;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO regress_fraiseql_plain;
SET ROLE regress_fraiseql_plain;
SELECT count(*) > 0 AS can_read FROM fraiseql.persisted_query;
SELECT pg_temp.pq(encode(sha256(convert_to('{ users { email } }', 'UTF8')), 'hex'));
-- ... but cannot persist, write the table, or turn persisted_only off
SELECT fraiseql.persist('{ users { id } }');
INSERT INTO fraiseql.persisted_query (hash, query)
VALUES (encode(sha256(convert_to('{ users { id } }', 'UTF8')), 'hex'), '{ users { id } }');
UPDATE fraiseql.persisted_query SET created_at = now();
DELETE FROM fraiseql.persisted_query;
SET fraiseql.persisted_only = off;
RESET ROLE;

-- a role granted EXECUTE on persist can persist without any right on the table
GRANT EXECUTE ON FUNCTION fraiseql.persist(text) TO regress_fraiseql_plain;
SET ROLE regress_fraiseql_plain;
SELECT pg_temp.pq(fraiseql.persist('{ users(limit: 2) { id } }'));
RESET ROLE;

ROLLBACK;
