-- fraiseql--0.2.0.sql: install script of the fraiseql extension, version 0.2.0.
-- A change here needs the same change in an upgrade script (and a new version
-- once released): test/integration/test_upgrade.py compares the two paths.
\echo Use "CREATE EXTENSION fraiseql" to load this file. \quit

-- The stored schema: one row. Readable by what needs it, writable by the
-- extension owner only (load_schema runs as its caller, who must own it).
CREATE TABLE fraiseql.schema (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    sdl text NOT NULL,
    version bigint NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE fraiseql.schema_version;
REVOKE ALL ON fraiseql.schema FROM PUBLIC;
REVOKE ALL ON SEQUENCE fraiseql.schema_version FROM PUBLIC;
-- The loaded schema is user data, not part of the extension: pg_dump dumps the
-- row (and the sequence's position, so versions keep rising after a restore)
-- with the extension, in every format and with --data-only. The row holds only
-- the SDL text: views and functions are looked up by name when a backend
-- builds the schema on first use, so a restore needs no fixing up and its
-- order does not matter.
SELECT pg_catalog.pg_extension_config_dump('fraiseql.schema', '');
SELECT pg_catalog.pg_extension_config_dump('fraiseql.schema_version', '');
-- Any change to the stored schema, by load_schema or by hand, makes every
-- backend rebuild its copy once the change commits.
CREATE FUNCTION fraiseql._schema_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'fraiseql_schema_changed'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
CREATE TRIGGER schema_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fraiseql.schema
    FOR EACH STATEMENT EXECUTE FUNCTION fraiseql._schema_changed();
-- A trigger fires without an EXECUTE check; only CREATE TRIGGER needs it.
REVOKE ALL ON FUNCTION fraiseql._schema_changed() FROM PUBLIC;

-- Every role that executes GraphQL reads the schema text; nothing else.
GRANT SELECT ON fraiseql.schema TO PUBLIC;
GRANT USAGE ON SCHEMA fraiseql TO PUBLIC;

CREATE FUNCTION fraiseql.execute(query text,
                                 variables jsonb DEFAULT NULL,
                                 operation_name text DEFAULT NULL,
                                 context jsonb DEFAULT NULL)
RETURNS bytea
AS 'MODULE_PATHNAME', 'fraiseql_execute'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- The same response as json: for clients that read results as text.
CREATE FUNCTION fraiseql.execute_json(query text,
                                      variables jsonb DEFAULT NULL,
                                      operation_name text DEFAULT NULL,
                                      context jsonb DEFAULT NULL)
RETURNS json
AS 'MODULE_PATHNAME', 'fraiseql_execute_json'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- GraphQL over HTTP in one call (docs/http.md): the web app passes the
-- request's method, URL query (after "?"), Content-Type and Accept headers and
-- body bytes, and sends back status, Content-Type, Allow (on a 405) and body.
CREATE TYPE fraiseql.http_response AS (
    status int,
    content_type text,
    body bytea,
    allow text
);

CREATE FUNCTION fraiseql.serve(method text,
                               query_string text,
                               content_type text,
                               accept text,
                               body bytea,
                               context jsonb DEFAULT NULL)
RETURNS fraiseql.http_response
AS 'MODULE_PATHNAME', 'fraiseql_serve'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE FUNCTION fraiseql.load_schema(sdl text)
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_load_schema'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql.load_schema(text) FROM PUBLIC;

CREATE FUNCTION fraiseql.schema_sdl()
RETURNS text
AS 'MODULE_PATHNAME', 'fraiseql_schema_sdl'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fraiseql.explain(query text,
                                 variables jsonb DEFAULT NULL,
                                 operation_name text DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_explain'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- The plan cache of the calling backend.
CREATE FUNCTION fraiseql.cache_stats()
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_cache_stats'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

CREATE FUNCTION fraiseql.cache_reset()
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_cache_reset'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

-- The operators of generated filter inputs, one row per operator and family:
-- the SQL template ({x} the typed value, {t} the value as text, {v} the bound
-- operand, {c} the text search configuration; json_sql: the List family's
-- form on JSON arrays) and the index kind that can serve it on a real column.
CREATE FUNCTION fraiseql._filter_operators()
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_filter_operators'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION fraiseql.filter_operators(OUT name text, OUT family text, OUT operand text, OUT sql text,
                                          OUT json_sql text, OUT indexable boolean, OUT index text)
RETURNS SETOF record
AS $$
    SELECT o.name, o.family, o.operand, o.sql, o.json_sql, o.index IS NOT NULL, o.index
    FROM pg_catalog.jsonb_to_recordset(fraiseql._filter_operators())
         AS o(name text, family text, operand text, sql text, json_sql text, index text)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- For the regression suite: exercises the C++/PostgreSQL error boundary.
CREATE FUNCTION fraiseql._selftest(mode text)
RETURNS text
AS 'MODULE_PATHNAME', 'fraiseql_selftest'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql._selftest(text) FROM PUBLIC;

-- Persisted queries: documents stored under the lower-case hex sha256 of their
-- UTF-8 text (the table checks it). Every role may read them (clients hold the
-- documents anyway); only fraiseql.persist() writes, and it is not granted to
-- PUBLIC. pg_dump keeps the rows.
CREATE TABLE fraiseql.persisted_query (
    hash text PRIMARY KEY,
    query text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (hash = encode(sha256(convert_to(query, 'UTF8')), 'hex'))
);
REVOKE ALL ON fraiseql.persisted_query FROM PUBLIC;
GRANT SELECT ON fraiseql.persisted_query TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('fraiseql.persisted_query', '');

-- Stores a document and returns its hash; idempotent. SECURITY DEFINER so that
-- EXECUTE on it is the only privilege a role needs to persist.
CREATE FUNCTION fraiseql.persist(query text)
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

CREATE FUNCTION fraiseql.execute_persisted(hash text,
                                           variables jsonb DEFAULT NULL,
                                           operation_name text DEFAULT NULL,
                                           context jsonb DEFAULT NULL)
RETURNS bytea
AS 'MODULE_PATHNAME', 'fraiseql_execute_persisted'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

-- What a mutation function returns (docs/reference.md, "Mutations and context"). Types are usable
-- by PUBLIC by default; the grant says so explicitly.
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
GRANT USAGE ON TYPE fraiseql.mutation_response TO PUBLIC;

-- Production (issue 19): operation statistics and warm pools.

CREATE FUNCTION fraiseql._stat_operations(
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
CREATE VIEW fraiseql.stat_operations AS SELECT * FROM fraiseql._stat_operations();
GRANT SELECT ON fraiseql.stat_operations TO PUBLIC;

CREATE FUNCTION fraiseql.stat_reset()
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_stat_reset'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql.stat_reset() FROM PUBLIC;

-- Puts persisted documents (all, or these hashes) into this backend's plan
-- cache; returns how many are cached.
CREATE FUNCTION fraiseql.prewarm(hashes text[] DEFAULT NULL)
RETURNS int
AS 'MODULE_PATHNAME', 'fraiseql_prewarm'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

-- Subscriptions (docs/subscriptions.md): the web app LISTENs on the channels
-- subscribe() names and turns each notification into one response per
-- subscriber with subscription_event(); notify_trigger() sends them.
CREATE FUNCTION fraiseql.subscribe(query text,
                                              variables jsonb DEFAULT NULL,
                                              operation_name text DEFAULT NULL,
                                              context jsonb DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'fraiseql_subscribe'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE FUNCTION fraiseql.subscription_event(query text,
                                                       variables jsonb,
                                                       payload jsonb,
                                                       context jsonb DEFAULT NULL,
                                                       operation_name text DEFAULT NULL)
RETURNS bytea
AS 'MODULE_PATHNAME', 'fraiseql_subscription_event'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;

CREATE FUNCTION fraiseql.notify_trigger()
RETURNS trigger
AS 'MODULE_PATHNAME', 'fraiseql_notify_trigger'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
