-- where_schema_sdl: fraiseql.schema_sdl() prints the effective schema (the
-- generated filter, where and orderBy inputs and the arguments of list
-- fields included) as graphql-js printSchema lays it out, keeping the
-- FraiseQL bindings so the text loads again unchanged.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_filters.sql
\set ECHO all
\set QUIET off

\pset format unaligned
\pset tuples_only on
SELECT fraiseql.schema_sdl();
\pset format aligned
\pset tuples_only off

-- the printed schema loads again and prints the same
CREATE TEMP TABLE printed AS SELECT fraiseql.schema_sdl() AS sdl;
SELECT fraiseql.load_schema(sdl) FROM printed;
SELECT fraiseql.schema_sdl() = sdl AS same_after_reload, sdl = (SELECT s.sdl FROM fraiseql.schema s) AS stored_as_loaded FROM printed;
-- and it still answers queries the same way
SELECT pg_temp.ids('where: {qty: {gt: 9}}, orderBy: [{qty: DESC}]') AS ids;

-- a user type with a generated name must be exactly the generated type
SELECT fraiseql.load_schema($$
type Thing @view(name: "shop.v_item") { id: Int! }
input ThingWhereInput { id: Int }
type Query { things: [Thing!]! }
$$);
SELECT fraiseql.load_schema($$
type Thing @view(name: "shop.v_item") { id: Int! }
enum OrderDirection { UP DOWN }
type Query { things: [Thing!]! }
$$);
ROLLBACK;
