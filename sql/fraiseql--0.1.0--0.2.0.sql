-- fraiseql--0.1.0--0.2.0.sql: ALTER EXTENSION fraiseql UPDATE from 0.1.0.
-- Adds what fraiseql--0.2.0.sql has beyond fraiseql--0.1.0.sql (the schema
-- trigger, the pg_dump registrations, execute_json, serve and http_response,
-- explain, the plan cache functions, filter_operators, persisted queries,
-- mutation_response, stat_operations, stat_reset and prewarm).
-- Databases created from a development snapshot between the two also say
-- 0.1.0 but hold some of these objects already, so every statement tolerates
-- an existing object (it can only be the same one: no definition changed
-- between the snapshots).
\echo Use "ALTER EXTENSION fraiseql UPDATE TO '0.2.0'" to load this file. \quit

-- pg_dump keeps the loaded schema and its version sequence (user data).
SELECT pg_catalog.pg_extension_config_dump('fraiseql.schema', '');
SELECT pg_catalog.pg_extension_config_dump('fraiseql.schema_version', '');

-- Any change to the stored schema, by load_schema or by hand, makes every
-- backend rebuild its copy: the 0.2.0 library relies on this trigger.
CREATE OR REPLACE FUNCTION fraiseql._schema_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'fraiseql_schema_changed'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
CREATE OR REPLACE TRIGGER schema_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fraiseql.schema
    FOR EACH STATEMENT EXECUTE FUNCTION fraiseql._schema_changed();
REVOKE ALL ON FUNCTION fraiseql._schema_changed() FROM PUBLIC;

CREATE OR REPLACE FUNCTION fraiseql.execute_json(query text,
                                                 variables jsonb DEFAULT NULL,
                                                 operation_name text DEFAULT NULL,
                                                 context jsonb DEFAULT NULL)
RETURNS json
AS 'MODULE_PATHNAME', 'fraiseql_execute_json'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- The composite types of serve and of mutation functions (CREATE TYPE has no
-- IF NOT EXISTS).
DO $$
BEGIN
    IF pg_catalog.to_regtype('fraiseql.http_response') IS NULL THEN
        CREATE TYPE fraiseql.http_response AS (
            status int,
            content_type text,
            body bytea,
            allow text
        );
    END IF;
    IF pg_catalog.to_regtype('fraiseql.mutation_response') IS NULL THEN
        CREATE TYPE fraiseql.mutation_response AS (
            status text,
            message text,
            entity_id text,
            entity_type text,
            entity jsonb,
            updated_fields text[],
            cascade jsonb,
            metadata jsonb
        );
    END IF;
END
$$;
GRANT USAGE ON TYPE fraiseql.mutation_response TO PUBLIC;

-- GraphQL over HTTP in one call.

CREATE OR REPLACE FUNCTION fraiseql.serve(method text,
                                          query_string text,
                                          content_type text,
                                          accept text,
                                          body bytea,
                                          context jsonb DEFAULT NULL)
RETURNS fraiseql.http_response
AS 'MODULE_PATHNAME', 'fraiseql_serve'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE OR REPLACE FUNCTION fraiseql.explain(query text,
                                            variables jsonb DEFAULT NULL,
                                            operation_name text DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_explain'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE OR REPLACE FUNCTION fraiseql.cache_stats()
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_cache_stats'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE OR REPLACE FUNCTION fraiseql.cache_reset()
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_cache_reset'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

-- The operators of generated filter inputs, one row per operator and family:
-- the SQL template ({x} the typed value, {t} the value as text, {v} the bound
-- operand, {c} the text search configuration; json_sql: the List family's
-- form on JSON arrays) and the index kind that can serve it on a real column.
CREATE OR REPLACE FUNCTION fraiseql._filter_operators()
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_filter_operators'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION fraiseql.filter_operators(OUT name text, OUT family text, OUT operand text, OUT sql text,
                                          OUT json_sql text, OUT indexable boolean, OUT index text)
RETURNS SETOF record
AS $$
    SELECT o.name, o.family, o.operand, o.sql, o.json_sql, o.index IS NOT NULL, o.index
    FROM pg_catalog.jsonb_to_recordset(fraiseql._filter_operators())
         AS o(name text, family text, operand text, sql text, json_sql text, index text)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- Persisted queries (fraiseql--0.2.0.sql says why each grant is what it is).
-- IF NOT EXISTS passes only over a table that already belongs to fraiseql.
CREATE TABLE IF NOT EXISTS fraiseql.persisted_query (
    hash text PRIMARY KEY,
    query text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (hash = encode(sha256(convert_to(query, 'UTF8')), 'hex'))
);
REVOKE ALL ON fraiseql.persisted_query FROM PUBLIC;
GRANT SELECT ON fraiseql.persisted_query TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('fraiseql.persisted_query', '');

CREATE OR REPLACE FUNCTION fraiseql.persist(query text)
RETURNS text
LANGUAGE sql VOLATILE STRICT SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO fraiseql.persisted_query (hash, query)
    VALUES (encode(sha256(convert_to($1, 'UTF8')), 'hex'), $1)
    ON CONFLICT (hash) DO NOTHING;
    SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex');
$$;
REVOKE ALL ON FUNCTION fraiseql.persist(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION fraiseql.execute_persisted(hash text,
                                                      variables jsonb DEFAULT NULL,
                                                      operation_name text DEFAULT NULL,
                                                      context jsonb DEFAULT NULL)
RETURNS bytea
AS 'MODULE_PATHNAME', 'fraiseql_execute_persisted'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- Production (issue 19): operation statistics and warm pools.

CREATE OR REPLACE FUNCTION fraiseql._stat_operations(
    OUT operation_id text, OUT dbid oid, OUT operation_name text, OUT operation_type text,
    OUT calls bigint, OUT errors jsonb,
    OUT total_ms double precision, OUT mean_ms double precision, OUT max_ms double precision,
    OUT stddev_ms double precision, OUT rows bigint, OUT response_bytes bigint,
    OUT cache_hits bigint, OUT cache_misses bigint,
    OUT first_seen timestamptz, OUT last_seen timestamptz, OUT scope text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'fraiseql_stat_operations'
LANGUAGE C VOLATILE PARALLEL SAFE;

-- One row per operation (normalized document and operation name); scope is
-- 'shared' (every backend's requests: the library is preloaded) or 'backend'.
CREATE OR REPLACE VIEW fraiseql.stat_operations AS SELECT * FROM fraiseql._stat_operations();
GRANT SELECT ON fraiseql.stat_operations TO PUBLIC;

CREATE OR REPLACE FUNCTION fraiseql.stat_reset()
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_stat_reset'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql.stat_reset() FROM PUBLIC;

-- Puts persisted documents (all, or these hashes) into this backend's plan
-- cache; returns how many are cached.
CREATE OR REPLACE FUNCTION fraiseql.prewarm(hashes text[] DEFAULT NULL)
RETURNS int
AS 'MODULE_PATHNAME', 'fraiseql_prewarm'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

-- Subscriptions (docs/subscriptions.md): the web app LISTENs on the channels
-- subscribe() names and turns each notification into one response per
-- subscriber with subscription_event(); notify_trigger() sends them.
CREATE OR REPLACE FUNCTION fraiseql.subscribe(query text,
                                              variables jsonb DEFAULT NULL,
                                              operation_name text DEFAULT NULL,
                                              context jsonb DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_subscribe'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE OR REPLACE FUNCTION fraiseql.subscription_event(query text,
                                                       variables jsonb,
                                                       payload jsonb,
                                                       context jsonb DEFAULT NULL,
                                                       operation_name text DEFAULT NULL)
RETURNS bytea
AS 'MODULE_PATHNAME', 'fraiseql_subscription_event'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE OR REPLACE FUNCTION fraiseql.notify_trigger()
RETURNS trigger
AS 'MODULE_PATHNAME', 'fraiseql_notify_trigger'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
