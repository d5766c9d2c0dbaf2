-- privileges: execute runs as the calling role (its grants and RLS policies
-- decide what it reads), and the catalog belongs to the extension's owner.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\set QUIET off
\set VERBOSITY terse

CREATE ROLE regress_fraiseql_reader NOLOGIN;
CREATE ROLE regress_fraiseql_other NOLOGIN;
CREATE ROLE regress_fraiseql_loader NOLOGIN;
CREATE ROLE regress_fraiseql_outsider NOLOGIN;
GRANT USAGE ON SCHEMA app TO regress_fraiseql_reader, regress_fraiseql_other, regress_fraiseql_loader;
-- the reader may read users, not posts
GRANT SELECT ON app.v_user TO regress_fraiseql_reader;

-- notes: a table with a row-level policy on current_user, read through a
-- security_invoker view (so the policy applies to the caller, not the view owner)
CREATE TABLE app.tb_note (id int PRIMARY KEY, owner_role name NOT NULL, body text NOT NULL);
INSERT INTO app.tb_note VALUES
    (1, 'regress_fraiseql_reader', 'reader one'),
    (2, 'regress_fraiseql_other', 'other one'),
    (3, 'regress_fraiseql_reader', 'reader two');
ALTER TABLE app.tb_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_notes ON app.tb_note USING (owner_role = current_user);
CREATE VIEW app.v_note WITH (security_invoker = true) AS
SELECT id, jsonb_build_object('id', id, 'body', body) AS data FROM app.tb_note;
GRANT SELECT ON app.tb_note, app.v_note TO regress_fraiseql_reader, regress_fraiseql_other;

SELECT fraiseql.load_schema($$
scalar UUID
type User @view(name: "app.v_user") { id: UUID! email: String! }
type Post @view(name: "app.v_post") { id: UUID! title: String! }
type Note @view(name: "app.v_note") { id: Int! body: String! }
type Query {
  users: [User!]!
  user(id: UUID!): User
  posts: [Post!]!
  post(id: UUID!): Post
  notes: [Note!]!
}
$$);

-- the owner (a superuser here, so RLS does not apply to it) sees everything;
-- these calls also put the plans in this backend's cache before the role changes
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { email } post(id: "b0000000-0000-0000-0000-000000000001") { title } }');
SELECT pg_temp.gql('{ posts { title } }');
SELECT pg_temp.gql('{ notes { id body } }');

SET ROLE regress_fraiseql_reader;
-- no SELECT on app.v_post: that root field is a DATABASE_ERROR with SQLSTATE
-- 42501 and no data, even though its plan is cached; the other root field is answered
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { email } post(id: "b0000000-0000-0000-0000-000000000001") { title } }');
-- a non-null list root field that fails makes data null (GraphQL null propagation)
SELECT pg_temp.gql('{ posts { title } }');
-- the policy filters the reader's rows, through the cached plan too
SELECT pg_temp.gql('{ notes { id body } }');
SELECT pg_temp.gql('query Q($first: Int) { notes(limit: $first) { body } }', '{"first": 1}');
RESET ROLE;

SET ROLE regress_fraiseql_other;
-- no SELECT on app.v_user for this role, and its own notes only
SELECT pg_temp.gql('{ notes { id body } user(id: "a0000000-0000-0000-0000-000000000001") { email } }');
RESET ROLE;

-- a role without USAGE on the views' schema: when it is the one whose call
-- builds this backend's copy of the schema (here right after a reload), the
-- build still succeeds (views are resolved without its privileges) and the
-- denial is each root field's DATABASE_ERROR
SELECT fraiseql.load_schema(sdl) FROM fraiseql.schema;
SET ROLE regress_fraiseql_outsider;
SELECT pg_temp.gql('{ user(id: "a0000000-0000-0000-0000-000000000001") { email } post(id: "b0000000-0000-0000-0000-000000000001") { title } }');
RESET ROLE;

-- the catalog: readable by every role, writable by none but its owner
SET ROLE regress_fraiseql_reader;
SELECT count(*) AS schema_rows FROM fraiseql.schema;
INSERT INTO fraiseql.schema (singleton, sdl, version) VALUES (true, 'type Query { a: Int }', 0);
UPDATE fraiseql.schema SET sdl = 'type Query { a: Int }';
DELETE FROM fraiseql.schema;
TRUNCATE fraiseql.schema;
SELECT nextval('fraiseql.schema_version');
-- nor can a role add objects to the extension's schema
CREATE TABLE fraiseql.planted (id int);
CREATE FUNCTION fraiseql.planted() RETURNS int LANGUAGE sql AS 'SELECT 1';
-- nor put the catalog's trigger function on a table of its own
CREATE TEMP TABLE planted (id int);
CREATE TRIGGER planted_changed AFTER INSERT ON planted FOR EACH STATEMENT EXECUTE FUNCTION fraiseql._schema_changed();
-- load_schema is not granted to PUBLIC
SELECT fraiseql.load_schema('type Query { a: Int }');
-- the boundary self-test is not either
SELECT fraiseql._selftest('live_objects');
-- the stored schema is unchanged by all of that
SELECT sdl LIKE '%type Note @view%' AS unchanged FROM fraiseql.schema;
RESET ROLE;

-- a role granted EXECUTE on load_schema still writes the catalog as itself:
-- it needs INSERT and UPDATE on fraiseql.schema and the sequence as well
GRANT EXECUTE ON FUNCTION fraiseql.load_schema(text) TO regress_fraiseql_loader;
SET ROLE regress_fraiseql_loader;
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { email: String! }
type Query { users: [User!]! }');
RESET ROLE;
GRANT INSERT, UPDATE ON fraiseql.schema TO regress_fraiseql_loader;
GRANT USAGE ON SEQUENCE fraiseql.schema_version TO regress_fraiseql_loader;
SET ROLE regress_fraiseql_loader;
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { email: String! }
type Query { users: [User!]! }');
RESET ROLE;
-- other roles see the schema the loader loaded
SET ROLE regress_fraiseql_reader;
SELECT pg_temp.gql('{ users { email } }');
SELECT pg_temp.gql('{ notes { id } }');
RESET ROLE;

-- no SECURITY DEFINER path into data: the only SECURITY DEFINER function is
-- persist, which writes fraiseql.persisted_query alone, with its search_path
-- pinned; only the owner (or a granted role) runs load_schema, persist,
-- _selftest and the trigger function
SELECT count(*) > 5 AS has_functions,
       string_agg(p.proname, ', ') FILTER (WHERE p.prosecdef) AS security_definer,
       string_agg(p.proname || ' ' || array_to_string(p.proconfig, ' '), ', ') FILTER (WHERE p.proconfig IS NOT NULL) AS with_settings,
       count(*) FILTER (WHERE has_function_privilege('regress_fraiseql_reader', p.oid, 'EXECUTE')
                        AND p.proname IN ('load_schema', 'persist', '_selftest', '_schema_changed')) AS privileged_open_to_public
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'fraiseql');
-- no table or sequence of the extension (those added later included) is
-- writable by a plain role; the schema table is readable
SELECT count(*) FILTER (WHERE has_table_privilege('regress_fraiseql_reader', c.oid,
                                                  'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')) AS writable,
       count(*) FILTER (WHERE c.relkind = 'S' AND has_sequence_privilege('regress_fraiseql_reader', c.oid, 'USAGE, UPDATE')) AS usable_sequences,
       bool_or(c.relname = 'schema' AND has_table_privilege('regress_fraiseql_reader', c.oid, 'SELECT')) AS schema_readable
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'fraiseql')
  AND c.relkind IN ('r', 'S', 'v', 'm', 'p');
ROLLBACK;
