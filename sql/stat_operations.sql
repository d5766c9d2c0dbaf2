-- stat_operations: per-operation statistics without shared_preload_libraries
-- (this backend's own table: scope 'backend'); the shared table is tested
-- from several backends in test/integration/test_production.py.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off
SELECT fraiseql.stat_reset();

-- two calls of one operation (other literals), one with an error
SELECT pg_temp.gql('query One { user(id: "a0000000-0000-0000-0000-000000000001") { email } }');
SELECT pg_temp.gql('query One { user(id: "bad") { email } }');
SELECT pg_temp.gql('{ nope }');
SELECT operation_name, operation_type, calls, errors, rows, cache_hits + cache_misses AS lookups, scope,
       response_bytes > 0 AS bytes, mean_ms <= max_ms AS times, length(operation_id) AS id_length
FROM fraiseql.stat_operations ORDER BY operation_type, operation_name;

-- explain is not counted; stat_reset empties the table
SELECT fraiseql.explain('query One { user(id: "a0000000-0000-0000-0000-000000000001") { email } }') IS NOT NULL;
SELECT calls FROM fraiseql.stat_operations WHERE operation_name = 'One';
SELECT fraiseql.stat_reset();
SELECT count(*) FROM fraiseql.stat_operations;

-- fraiseql.track_operations = off: not counted
SET fraiseql.track_operations = off;
SELECT pg_temp.gql('query One { user(id: "a0000000-0000-0000-0000-000000000001") { email } }');
SELECT count(*) FROM fraiseql.stat_operations;
ROLLBACK;
