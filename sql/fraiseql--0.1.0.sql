-- fraiseql--0.1.0.sql: install script of the fraiseql extension, version 0.1.0.
-- Frozen: the objects 0.1.0 had when this script was created (commit 26eba24),
-- the baseline that fraiseql--0.1.0--0.2.0.sql upgrades from.
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

CREATE FUNCTION fraiseql.load_schema(sdl text)
RETURNS void
AS 'MODULE_PATHNAME', 'fraiseql_load_schema'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql.load_schema(text) FROM PUBLIC;

CREATE FUNCTION fraiseql.schema_sdl()
RETURNS text
AS 'MODULE_PATHNAME', 'fraiseql_schema_sdl'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- For the regression suite: exercises the C++/PostgreSQL error boundary.
CREATE FUNCTION fraiseql._selftest(mode text)
RETURNS text
AS 'MODULE_PATHNAME', 'fraiseql_selftest'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
REVOKE ALL ON FUNCTION fraiseql._selftest(text) FROM PUBLIC;
