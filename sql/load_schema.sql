-- load_schema: storing the schema, checking it against SDL rules and the database.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\set QUIET off
\set VERBOSITY terse

-- the schema is stored in the extension's catalog table, one row
SELECT count(*) AS rows, sdl LIKE '%type User @view(name: "app.v_user")%' AS has_user FROM fraiseql.schema GROUP BY 2;
-- the stored text is what was loaded; schema_sdl() prints the effective schema
-- instead (generated inputs and arguments included), so the two differ
SELECT fraiseql.schema_sdl() <> sdl AS schema_sdl_is_effective,
       fraiseql.schema_sdl() LIKE '%input UserWhereInput {%' AS has_generated,
       sdl NOT LIKE '%UserWhereInput%' AS stored_is_as_loaded
FROM fraiseql.schema;

-- a syntax error names line and column (graphql-js wording)
SELECT fraiseql.load_schema('type Query {
  users: [User!
}');

-- an unknown type
SELECT fraiseql.load_schema('type Query { users: [Nope!]! }');

-- a view that does not exist
SELECT fraiseql.load_schema('type T @view(name: "app.v_missing") { id: ID }
type Query { ts: [T!]! }');

-- a view without the data column, and with a data column of the wrong type
CREATE VIEW app.v_nodata AS SELECT id FROM app.tb_user;
CREATE VIEW app.v_textdata AS SELECT id, 'x'::text AS data FROM app.tb_user;
SELECT fraiseql.load_schema('type A @view(name: "app.v_nodata") { id: ID }
type B @view(name: "app.v_textdata") { id: ID }
type Query { as: [A!]! bs: [B!]! }');

-- a single-row root field whose argument has no column to filter on
SELECT fraiseql.load_schema('scalar UUID
type User @view(name: "app.v_user") { id: UUID! }
type Query { user(uuid: UUID!): User }');

-- a root field without a data source, and an unknown directive
SELECT fraiseql.load_schema('type Plain { id: ID }
type Query { plain: [Plain!]! }');
SELECT fraiseql.load_schema('type T @view(name: "app.v_user") @cache { id: ID }
type Query { ts: [T!]! }');

-- a schema without Query, and operations inside SDL
SELECT fraiseql.load_schema('type T { id: ID }');
SELECT fraiseql.load_schema('type Query { a: Int } { a }');

-- the spec's type-system rules (graphql-js validateSDL wording), one per class
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: ID }
type User { id: ID }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: ID email: String email: String }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('enum Role { ADMIN ADMIN }
type User @view(name: "app.v_user") { id: ID role: Role }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: ID }
type Query { users: [User!]! user(id: ID, id: ID): User }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user", table: "x") { id: ID }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view { id: ID }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") @view(name: "app.v_user") { id: ID }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: ID @view(name: "app.v_user") @field }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('directive @view on OBJECT
type Query { a: Int }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: ID }
extend type Nope { x: Int }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('schema { query: Query }
schema { query: Query }
type User @view(name: "app.v_user") { id: ID }
type Query { users: [User!]! }');
-- declaring the extra scalars is allowed, and so is leaving them out
SAVEPOINT scalars;
SELECT fraiseql.load_schema('scalar UUID
scalar DateTime
type User @view(name: "app.v_user") { id: UUID! }
type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { id: UUID! }
type Query { users: [User!]! }');
ROLLBACK TO SAVEPOINT scalars;

-- a relation or function name is exactly [schema.]name: trailing text is a load
-- error at the directive (on a type, a root field, a Query or Mutation function)
SELECT fraiseql.load_schema('type Item @view(name: "app.v_user; DROP TABLE app.tb_user") { id: ID }
type Query { items: [Item!]! }');
SELECT fraiseql.load_schema('type Item { id: ID }
type Query { items: [Item!]! @view(name: "app.v_user extra") }');
SELECT fraiseql.load_schema('type Item @view(name: "app.v_user") { id: ID }
type Query { items: [Item!]!
  one(id: ID): Item @function(name: "app.fn_x(NULL); DROP TABLE app.tb_user") }
type Mutation { m(input: ID): Item @function(name: "app.fn_y;") }');
SELECT fraiseql.load_schema('type Item @view(name: "db.app.v_user") { id: ID } type Query { items: [Item!]! }');
SELECT fraiseql.load_schema('type Item @view(name: "\"app.v_user") { id: ID } type Query { items: [Item!]! }');
SELECT fraiseql.load_schema('type Item @view(name: "app.") { id: ID } type Query { items: [Item!]! }');
SELECT sdl NOT LIKE '%DROP%' AS nothing_stored FROM fraiseql.schema;
-- quoted identifiers keep their case ("" is a quote), unquoted ones fold to lower case
SAVEPOINT names;
SELECT fraiseql.load_schema('type User @view(name: "\"app\".\"v_user\"") { id: UUID! } type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "APP.V_User") { id: UUID! } type Query { users: [User!]! }');
SELECT convert_from(fraiseql.execute('{ users(limit: 1) { id } }'), 'UTF8') LIKE '{"data":{"users":[{"id":%' AS reads;
SELECT fraiseql.load_schema('type User @view(name: "app.\"V_USER\"") { id: UUID! } type Query { users: [User!]! }');
SELECT fraiseql.load_schema('type User @view(name: "app.\"v_\"\"user\"") { id: UUID! } type Query { users: [User!]! }');
ROLLBACK TO SAVEPOINT names;

-- after every failure the stored schema is unchanged
SELECT sdl LIKE '%type User @view(name: "app.v_user")%' AS unchanged FROM fraiseql.schema;

-- a new schema replaces the old one, and this session sees it at once
SELECT fraiseql.load_schema('type Post @view(name: "app.v_post") { title: String! }
type Query { posts: [Post!]! }');
SELECT convert_from(fraiseql.execute('{ posts { title } }'), 'UTF8');
SELECT convert_from(fraiseql.execute('{ users { email } }'), 'UTF8');

-- a rolled-back load leaves the previous schema in force
SAVEPOINT before_load;
SELECT fraiseql.load_schema('type User @view(name: "app.v_user") { email: String! }
type Query { users: [User!]! }');
SELECT convert_from(fraiseql.execute('{ users(limit: 1) { email } }'), 'UTF8');
ROLLBACK TO SAVEPOINT before_load;
SELECT convert_from(fraiseql.execute('{ posts(limit: 1) { title } }'), 'UTF8');
SELECT convert_from(fraiseql.execute('{ users { email } }'), 'UTF8');

-- the catalog is not writable by PUBLIC, and load_schema is not granted to it
SELECT has_table_privilege('public', 'fraiseql.schema', 'INSERT') AS public_can_insert,
       has_table_privilege('public', 'fraiseql.schema', 'SELECT') AS public_can_read,
       has_function_privilege('public', 'fraiseql.load_schema(text)', 'EXECUTE') AS public_can_load;

ROLLBACK;
