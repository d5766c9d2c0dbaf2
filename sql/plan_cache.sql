-- plan_cache: the per-backend cache of parsed, validated and compiled
-- operations with their prepared statements (docs/reference.md, "Plan cache").
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off
SELECT fraiseql.cache_reset();

-- the first call misses and fills the cache, the second hits it
SELECT pg_temp.gql('{ users(limit: 1) { email } }');
SELECT pg_temp.gql('{ users(limit: 1) { email } }');
SELECT fraiseql.cache_stats() - 'max_entries' - 'max_bytes' - 'bytes';
SELECT (fraiseql.cache_stats()->>'bytes')::bigint > 0 AS counts_bytes;


-- explain shows the SQL, its parameters, the cache key and whether it hit
SELECT fraiseql.explain('{ users(limit: 1) { email } }') - 'cache_key' - 'estimates';
SELECT fraiseql.explain('query ($id: UUID!) { user(id: $id) { email } }', '{"id": "a0000000-0000-0000-0000-000000000001"}') - 'cache_key' - 'estimates';
-- and beside the plans, each root field's planner estimate (what
-- fraiseql.max_cost checks): numbers that change with the data, so only their
-- presence is shown; __typename has no statement and no estimate
SELECT e->>'field' AS field, e ? 'cost' AS cost, e ? 'rows' AS rows, e->>'plan' AS plan
FROM jsonb_array_elements(fraiseql.explain('query ($id: UUID!) { user(id: $id) { email } __typename }', '{"id": "a0000000-0000-0000-0000-000000000001"}')->'estimates') e;

-- other variable values reuse the entry and its prepared statement
SELECT fraiseql.cache_reset();
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { email } }', '{"id": "a0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { email } }', '{"id": "a0000000-0000-0000-0000-000000000002"}');
SELECT fraiseql.cache_stats()->'entries' AS entries, fraiseql.cache_stats()->'hits' AS hits;

-- @skip/@include with a variable: one entry, one plan per boolean value, each right
SELECT pg_temp.gql('query ($s: Boolean!) { users(limit: 1) { email firstName @skip(if: $s) } }', '{"s": true}');
SELECT pg_temp.gql('query ($s: Boolean!) { users(limit: 1) { email firstName @skip(if: $s) } }', '{"s": false}');
SELECT pg_temp.gql('query ($s: Boolean!) { users(limit: 1) { email firstName @skip(if: $s) } }', '{"s": true}');
SELECT fraiseql.cache_stats()->'entries' AS entries;

-- the operation name is part of the key
SELECT pg_temp.gql('query A { users(limit: 1) { email } } query B { posts(limit: 1) { title } }', NULL, 'A');
SELECT pg_temp.gql('query A { users(limit: 1) { email } } query B { posts(limit: 1) { title } }', NULL, 'B');

-- documents that differ only in literal values share one entry and its plans;
-- each runs with its own values
SELECT fraiseql.cache_reset();
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { email } users(limit: 1) { email } }');
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000003") { email } users(limit: 2) { email } }');
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000002") { email } users(limit: 3) { email } }');
SELECT fraiseql.cache_stats() - 'max_entries' - 'max_bytes' - 'bytes';
-- a shared document is still validated on its own
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000002") { email } users(limit: 3000000000) { email } }');
-- a literal that was not lifted into a parameter (a variable's default) is
-- part of what must match: another default means another plan
SELECT pg_temp.gql('query ($n: Int = 1) { users(limit: $n) { email } }');
SELECT pg_temp.gql('query ($n: Int = 2) { users(limit: $n) { email } }');
-- errors of a document that borrows another's plans point into its own text
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { email } users(limit: 1) { email } }', '{"id": "a0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.gql('query   ($id: UUID!) { user(id: $id) { email } users(limit: 2) { email } }', '{"id": "nope"}');
-- explain of a shared document shows the plan it borrows
SELECT fraiseql.explain('{ user(id: "a0000000-0000-0000-0000-000000000009") { email } users(limit: 7) { email } }')->'cache_hit' AS hit;

-- documents with errors are not cached
SELECT fraiseql.cache_reset();
SELECT pg_temp.gql('{ users { emial } }');
SELECT pg_temp.gql('{ users { emial } }');
SELECT fraiseql.cache_stats()->'entries' AS entries;

-- a lowered limit applies to documents that are cached already
SELECT pg_temp.gql('{ users(limit: 1) { email posts { title } } }');
SET fraiseql.max_depth = 2;
SELECT pg_temp.gql('{ users(limit: 1) { email posts { title } } }');
RESET fraiseql.max_depth;

-- DROP and CREATE of a view under a cached plan: never the old view's rows
SELECT pg_temp.gql('{ posts(limit: 1) { title } }');
DROP VIEW app.v_post;
SELECT pg_temp.gql('{ posts(limit: 1) { title } }');
CREATE VIEW app.v_post AS SELECT id, author_id, jsonb_build_object('title', 'recreated') AS data FROM app.tb_post;
SELECT pg_temp.gql('{ posts(limit: 1) { title } }');

-- a schema change empties the cache: its plans point into the old schema
SELECT (fraiseql.cache_stats()->>'entries')::int > 0 AS has_entries;
SELECT fraiseql.load_schema(fraiseql.schema_sdl());
SELECT pg_temp.gql('{ users(limit: 1) { email } }');
SELECT fraiseql.cache_stats()->'entries' AS entries;

-- the bounds hold under 10,000 distinct documents
SET fraiseql.plan_cache_entries = 50;
SELECT fraiseql.cache_reset();
DO $$
BEGIN
  FOR i IN 1..10000 LOOP
    PERFORM fraiseql.execute(format('{ a%s: users(limit: 1) { email } }', i));
  END LOOP;
END $$;
SELECT (s->>'entries')::int AS entries, (s->>'evictions')::int AS evictions, (s->>'misses')::int AS misses
FROM fraiseql.cache_stats() s;
-- evicted entries free their prepared statements: the backend holds about
-- one kept plan per cached entry, not one per document ever run
SELECT count(*) BETWEEN 50 AND 80 AS kept_plans_bounded FROM pg_backend_memory_contexts WHERE name = 'CachedPlanSource';
SET fraiseql.plan_cache_mb = 1;
SET fraiseql.plan_cache_entries = 100000;
DO $$
BEGIN
  FOR i IN 1..3000 LOOP
    PERFORM fraiseql.execute(format('{ b%s: users(limit: 1) { email firstName lastName loginCount company { name } posts { title } } }', i));
  END LOOP;
END $$;
SELECT (s->>'bytes')::bigint <= 1024 * 1024 AS within_1mb, (s->>'entries')::int BETWEEN 10 AND 2999 AS evicted_some
FROM fraiseql.cache_stats() s;
-- and the entries left still answer correctly
SELECT pg_temp.gql('{ b3000: users(limit: 1) { email firstName lastName loginCount company { name } posts { title } } }');

-- plan_cache_entries = 0 turns the cache off
SET fraiseql.plan_cache_entries = 0;
SELECT pg_temp.gql('{ users(limit: 1) { email } }');
SELECT fraiseql.cache_stats()->'entries' AS entries;
RESET fraiseql.plan_cache_entries;
RESET fraiseql.plan_cache_mb;

ROLLBACK;
