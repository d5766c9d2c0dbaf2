-- mutations: @function on Query and Mutation fields, fraiseql.mutation_response,
-- and execute()'s context (app.<key> settings, RLS-scoped reads and writes).
\set QUIET on
\pset tuples_only on
\pset format unaligned
SET client_min_messages = warning;
\o /dev/null
-- leftovers of an interrupted earlier run (the role is cluster-wide)
DROP SCHEMA IF EXISTS mut CASCADE;
DROP ROLE IF EXISTS regress_mut_app;
CREATE SCHEMA mut;
CREATE TABLE mut.tb_org (id uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE mut.tb_user (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT current_setting('app.tenant_id'),
    org_id uuid REFERENCES mut.tb_org,
    email text NOT NULL UNIQUE,
    name text,
    created_by text
);
INSERT INTO mut.tb_org VALUES ('00000000-0000-0000-0000-0000000000a1', 'Acme');
INSERT INTO mut.tb_user (id, tenant_id, org_id, email, name) VALUES
    ('00000000-0000-0000-0000-000000000001', 't1', '00000000-0000-0000-0000-0000000000a1', 'ann@t1', 'Ann'),
    ('00000000-0000-0000-0000-000000000002', 't2', NULL, 'bob@t2', 'Bob');
-- Rows belong to the tenant in app.tenant_id, for reads and writes.
ALTER TABLE mut.tb_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON mut.tb_user
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE VIEW mut.v_user WITH (security_invoker = true) AS
SELECT u.id, u.tenant_id,
       jsonb_build_object('id', u.id, 'email', u.email, 'name', u.name,
                          'org', (SELECT jsonb_build_object('id', o.id, 'name', o.name) FROM mut.tb_org o WHERE o.id = u.org_id)) AS data
FROM mut.tb_user u;

-- Query functions: rows of a view type (a data column), and SETOF jsonb.
CREATE FUNCTION mut.fn_search_users(term text, max_rows int DEFAULT 10) RETURNS SETOF mut.v_user
LANGUAGE sql STABLE AS $$ SELECT * FROM mut.v_user WHERE data->>'email' LIKE '%' || term || '%' ORDER BY id LIMIT max_rows $$;
CREATE FUNCTION mut.fn_user_by_email(email text) RETURNS SETOF jsonb
LANGUAGE sql STABLE AS $$ SELECT v.data FROM mut.v_user v WHERE v.data->>'email' = email $$;
CREATE FUNCTION mut.fn_user_table(min_id uuid) RETURNS TABLE (id uuid, data jsonb)
LANGUAGE sql STABLE AS $$ SELECT v.id, v.data FROM mut.v_user v WHERE v.id >= min_id ORDER BY v.id $$;
CREATE FUNCTION mut.fn_echo(name jsonb, tags jsonb DEFAULT '[]') RETURNS SETOF jsonb
LANGUAGE sql STABLE AS $$ SELECT jsonb_build_object('tenant', name, 'user', tags::text) $$;
CREATE FUNCTION mut.fn_arrays(names text[], ns int[] DEFAULT NULL) RETURNS SETOF jsonb
LANGUAGE sql STABLE AS $$ SELECT jsonb_build_object('tenant', array_to_string(names, ',', '<null>'),
                                                    'user', pg_typeof(ns)::text || ':' || array_to_string(ns, ',')) $$;
CREATE FUNCTION mut.fn_search_one(term text) RETURNS jsonb
LANGUAGE sql STABLE AS $$ SELECT jsonb_build_object('term', term) $$;
CREATE FUNCTION mut.fn_whoami() RETURNS SETOF jsonb
LANGUAGE sql STABLE AS $$ SELECT jsonb_build_object('tenant', current_setting('app.tenant_id', true), 'user', current_setting('app.user_id', true)) $$;

-- The mutation: context values first (typed by the parameters), then the input.
CREATE FUNCTION mut.fn_create_user(p_tenant text, p_user text, input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE plpgsql AS $$
DECLARE
    new_id uuid := (input->>'id')::uuid;
    result fraiseql.mutation_response;
BEGIN
    IF coalesce(input->>'email', '') = '' THEN
        result.status := 'validation:email_required';
        result.message := 'email is required';
        RETURN result;
    END IF;
    IF EXISTS (SELECT 1 FROM mut.tb_user WHERE email = input->>'email') THEN
        result.status := 'conflict:duplicate_email';
        result.message := 'email ' || (input->>'email') || ' is taken';
        RETURN result;
    END IF;
    -- tenant_id takes its DEFAULT, current_setting('app.tenant_id'): the context.
    INSERT INTO mut.tb_user (id, org_id, email, name, created_by)
    VALUES (new_id, (input->>'org_id')::uuid, input->>'email', input->>'name', p_user);
    result.status := 'created';
    result.message := 'User created in ' || p_tenant;
    result.entity_id := new_id::text;
    result.entity_type := 'User';
    result.entity := (SELECT v.data FROM mut.v_user v WHERE v.id = new_id);
    result.updated_fields := ARRAY['email', 'name'];
    result.metadata := jsonb_build_object('by', p_user);
    RETURN result;
END $$;

-- Returns whatever status the input asks for (to map every prefix).
CREATE FUNCTION mut.fn_status(input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE sql AS $$ SELECT ROW(input->>'status', 'said ' || (input->>'status'), NULL, NULL, NULL, NULL, NULL, NULL)::fraiseql.mutation_response $$;

-- Writes a row, then fails: the write must be rolled back with the field.
CREATE FUNCTION mut.fn_fail(input jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mut.tb_user (id, email) VALUES ((input->>'id')::uuid, input->>'email');
    RETURN jsonb_build_object('status', 'success', 'message', (1 / 0)::text);
END $$;

-- Writes a row for the tenant the input names: RLS refuses another tenant's.
CREATE FUNCTION mut.fn_plant(input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mut.tb_user (id, tenant_id, email) VALUES ((input->>'id')::uuid, input->>'tenant', input->>'email');
    RETURN ROW('created', NULL, NULL, NULL, NULL, NULL, NULL, NULL)::fraiseql.mutation_response;
END $$;

-- Sleeps: a statement timeout inside a mutation must reach the caller.
CREATE FUNCTION mut.fn_slow(input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE sql AS $$ SELECT pg_sleep(5); SELECT ROW('success', NULL, NULL, NULL, NULL, NULL, NULL, NULL)::fraiseql.mutation_response $$;

-- A jsonb-returning mutation function.
CREATE FUNCTION mut.fn_rename(p_tenant uuid, input jsonb) RETURNS jsonb
LANGUAGE sql AS $$ SELECT jsonb_build_object('status', 'updated:name', 'message', 'tenant ' || p_tenant,
                                             'entity', jsonb_build_object('id', input->>'id', 'email', 'x', 'name', input->>'name')) $$;

-- Input keys: the input arrives with snake_case keys, so jsonb_populate_record
-- fills a composite type with multi-word fields (nested objects and arrays of
-- objects too). The message shows the record and the input's top-level keys.
CREATE TYPE mut.address AS (street_name text, post_code text);
CREATE TYPE mut.contact AS (contact_kind text, contact_value text);
CREATE TYPE mut.profile AS (display_name text, birth_date date, home_address mut.address, contacts mut.contact[],
                            tag_list text[], extra_data jsonb, nick_name text);
CREATE FUNCTION mut.fn_profile(input jsonb) RETURNS jsonb
LANGUAGE sql AS $$ SELECT jsonb_build_object('status', 'success', 'message',
    jsonb_populate_record(NULL::mut.profile, input)::text || ' keys ' ||
    (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(input) AS k)) $$;

CREATE FUNCTION mut.gql(query text, variables jsonb DEFAULT NULL, context jsonb DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables, NULL, context), 'UTF8') $$;

CREATE ROLE regress_mut_app NOLOGIN;
GRANT USAGE ON SCHEMA mut TO regress_mut_app;
GRANT SELECT, INSERT ON mut.tb_user TO regress_mut_app;
GRANT SELECT ON mut.tb_org, mut.v_user TO regress_mut_app;
\o
\set QUIET off

SELECT fraiseql.load_schema($$
scalar UUID
scalar JSON
type Org { id: UUID! name: String! }
type User @view(name: "mut.v_user") { id: UUID! email: String! name: String org: Org }
type Whoami { tenant: String user: String }
input CreateUserInput { id: UUID! email: String! name: String orgId: UUID }
type CreateUserSuccess { status: String! message: String user: User! updatedFields: [String!] metadata: JSON }
type CreateUserError { status: String! message: String code: Int! }
union CreateUserResult = CreateUserSuccess | CreateUserError
input StatusInput { status: String! }
type StatusSuccess { status: String! message: String }
type StatusError { status: String! message: String code: Int! }
union StatusResult = StatusSuccess | StatusError
input RenameInput { id: UUID! name: String! }
type RenameSuccess { message: String user: User }
type RenameError { message: String code: Int! }
union RenameResult = RenameSuccess | RenameError
type Query {
  users: [User!]!
  searchUsers(term: String!, maxRows: Int): [User!]! @function(name: "mut.fn_search_users")
  userByEmail(email: String!): User @function(name: "mut.fn_user_by_email")
  whoami: Whoami @function(name: "mut.fn_whoami")
  usersFrom(minId: UUID!): [User!]! @function(name: "mut.fn_user_table")
  echo(name: String!, tags: [String!]): Whoami @function(name: "mut.fn_echo")
  arrays(names: [String]!, ns: [Int!]): Whoami @function(name: "mut.fn_arrays")
}
type Mutation {
  createUser(input: CreateUserInput!): CreateUserResult!
    @function(name: "mut.fn_create_user", context: ["tenant_id", "user_id"])
  setStatus(input: StatusInput!): StatusResult @function(name: "mut.fn_status")
  failing(input: JSON): StatusResult @function(name: "mut.fn_fail")
  rename(input: RenameInput!): RenameResult @function(name: "mut.fn_rename", context: ["tenant_uuid"])
  plant(input: JSON!): StatusResult @function(name: "mut.fn_plant")
  slow(input: JSON): StatusResult @function(name: "mut.fn_slow")
  profile(input: ProfileInput!): StatusResult @function(name: "mut.fn_profile")
  profileRaw(input: ProfileInput!): StatusResult @function(name: "mut.fn_profile", graphqlInputKeys: true)
}
input AddressInput { streetName: String! postCode: String }
input ContactInput { contactKind: String! contactValue: String! }
input ProfileInput {
  displayName: String!
  birthDate: Date
  homeAddress: AddressInput
  contacts: [ContactInput!]
  tagList: [String!]
  extraData: JSON
  nick: String @field(key: "nick_name")
}
$$);

-- @function keeps its binding in the effective schema
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line WHERE line LIKE '%@function%';

SET ROLE regress_mut_app;

-- Query functions: a list (rows with a data column) and a single row (SETOF jsonb),
-- arguments bound by name; RLS on the view scopes them to the context's tenant.
SELECT mut.gql('{ searchUsers(term: "@") { email org { name } } }', NULL, '{"tenant_id": "t1"}');
SELECT mut.gql('{ searchUsers(term: "@") { email } }', NULL, '{"tenant_id": "t2"}');
SELECT mut.gql('query($t: String!, $n: Int) { searchUsers(term: $t, maxRows: $n) { email } }', '{"t": "b", "n": 1}', '{"tenant_id": "t2"}');
SELECT mut.gql('{ a: userByEmail(email: "ann@t1") { name } b: userByEmail(email: "bob@t2") { name } }', NULL, '{"tenant_id": "t1"}');
-- RETURNS TABLE (id uuid, data jsonb) reads its data column
SELECT mut.gql('{ usersFrom(minId: "00000000-0000-0000-0000-000000000000") { email } }', NULL, '{"tenant_id": "t1"}');
-- jsonb parameters take any argument as JSON (a string literal, a list literal, a variable)
SELECT mut.gql('query($t: [String!]) { a: echo(name: "hi", tags: ["x", "y"]) { tenant user } b: echo(name: "yo", tags: $t) { user } c: echo(name: "no tags") { user } }',
               '{"t": ["z"]}');
-- SQL array parameters take a list literal, a variable, or a list literal
-- holding variables (one parameter per item, typed as the element)
SELECT mut.gql('query($a: String, $n: Int!, $v: [String]!, $ns: [Int!]) { l: arrays(names: ["x", null], ns: [1, 2]) { tenant user } v: arrays(names: $v, ns: $ns) { tenant user } i: arrays(names: [$a, "y", null], ns: [$n, 3]) { tenant user } }',
               '{"v": ["p", "q"], "ns": [7], "a": "it''s", "n": 5}');
SELECT mut.gql('query($a: String) { i: arrays(names: [$a, $a]) { tenant user } }', '{}');
-- without a context nothing is visible (the policy compares with an unset setting)
SELECT mut.gql('{ searchUsers(term: "@") { email } }');
-- every key is visible as app.<key> during the call
SELECT mut.gql('{ whoami { tenant user } }', NULL, '{"tenant_id": "t1", "user_id": "u-42"}');

-- success: the entity projected with its nested selection, message, updatedFields, metadata
SELECT mut.gql($q$mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000011", email: "cat@t1", name: "Cat", orgId: "00000000-0000-0000-0000-0000000000a1"}) {
  __typename
  ... on CreateUserSuccess { status message updatedFields metadata user { id email org { name } } }
  ... on CreateUserError { code message } } }$q$, NULL, '{"tenant_id": "t1", "user_id": "u-1"}');
-- the input from a variable, and an input literal holding variables
SELECT mut.gql('mutation($in: CreateUserInput!) { createUser(input: $in) { ... on CreateUserSuccess { user { email name } } } }',
               '{"in": {"id": "00000000-0000-0000-0000-000000000012", "email": "dan@t1", "name": "Dan"}}', '{"tenant_id": "t1", "user_id": "u-1"}');
SELECT mut.gql('mutation($id: UUID!, $name: String) { createUser(input: {id: $id, email: "eve@t1", name: $name}) { ... on CreateUserSuccess { user { email name } } } }',
               '{"id": "00000000-0000-0000-0000-000000000013", "name": "Eve"}', '{"tenant_id": "t1", "user_id": "u-1"}');
-- input keys: snake_case (or @field(key:)) at every level, so jsonb_populate_record
-- fills the composite; a JSON field keeps its own keys. A literal holding variables:
SELECT mut.gql($q$mutation($street: String!, $c: ContactInput!, $tags: [String!]) { profile(input: {
  displayName: "Ann", birthDate: "1990-01-02", homeAddress: {streetName: $street, postCode: "75001"},
  contacts: [{contactKind: "email", contactValue: "ann@x"}, $c], tagList: $tags,
  extraData: {someKey: {innerKey: 1}}, nick: "annie"}) { ... on StatusSuccess { message } } }$q$,
  '{"street": "Main St", "c": {"contactKind": "phone", "contactValue": "555"}, "tags": ["a", "b"]}');
-- the same input as one variable
SELECT mut.gql('mutation($in: ProfileInput!) { profile(input: $in) { ... on StatusSuccess { message } } }',
  '{"in": {"displayName": "Bo", "homeAddress": {"streetName": "Elm", "postCode": null},
           "contacts": [{"contactKind": "email", "contactValue": "bo@x"}], "extraData": {"someKey": 2}, "nick": "b"}}');
-- @function(graphqlInputKeys: true): the GraphQL names, which the composite does not match
SELECT mut.gql('mutation($in: ProfileInput!) { profileRaw(input: $in) { ... on StatusSuccess { message } } }',
  '{"in": {"displayName": "Bo", "homeAddress": {"streetName": "Elm"}, "nick": "b"}}');
SELECT mut.gql('mutation { profileRaw(input: {displayName: "Cy", tagList: ["t"]}) { ... on StatusSuccess { message } } }');
-- a write under another tenant lands under that tenant
SELECT mut.gql('mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000021", email: "fay@t2"}) { __typename ... on CreateUserSuccess { message } } }',
               NULL, '{"tenant_id": "t2", "user_id": "u-2"}');
-- error statuses: conflict (409) and validation (422), to the ...Error member
SELECT mut.gql('mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000014", email: "cat@t1"}) { __typename ... on CreateUserError { status message code } } }',
               NULL, '{"tenant_id": "t1", "user_id": "u-1"}');
SELECT mut.gql('mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000014", email: ""}) { __typename ... on CreateUserError { status message code } } }',
               NULL, '{"tenant_id": "t1", "user_id": "u-1"}');
-- every status: success statuses (with or without a detail) and each error prefix with its code
SELECT mut.gql($q$mutation {
  a: setStatus(input: {status: "success"}) { ...R }
  b: setStatus(input: {status: "created"}) { ...R }
  c: setStatus(input: {status: "updated:email"}) { ...R }
  d: setStatus(input: {status: "deleted"}) { ...R }
  e: setStatus(input: {status: "validation:bad"}) { ...R }
  f: setStatus(input: {status: "failed:db"}) { ...R }
  g: setStatus(input: {status: "noop:same"}) { ...R }
  h: setStatus(input: {status: "not_found:user"}) { ...R }
  i: setStatus(input: {status: "conflict:email"}) { ...R }
  j: setStatus(input: {status: "unauthorized:token"}) { ...R }
  k: setStatus(input: {status: "forbidden:role"}) { ...R }
  l: setStatus(input: {status: "timeout:lock"}) { ...R }
}
fragment R on StatusResult { __typename ... on StatusSuccess { status message } ... on StatusError { status code } }$q$);
-- a status that is neither: a field error, the field is null
SELECT mut.gql('mutation { setStatus(input: {status: "weird"}) { __typename } }');
-- a jsonb-returning function; its context parameter is uuid, so the text is cast by the parameter's type
SELECT mut.gql('mutation { rename(input: {id: "00000000-0000-0000-0000-000000000001", name: "Annie"}) { __typename ... on RenameSuccess { message user { id name } } } }',
               NULL, '{"tenant_uuid": "00000000-0000-0000-0000-0000000000ff"}');
SELECT mut.gql('mutation { rename(input: {id: "00000000-0000-0000-0000-000000000001", name: "Annie"}) { __typename } }',
               NULL, '{"tenant_uuid": "not-a-uuid"}');
-- a context key the function needs is missing: a clean field error
SELECT mut.gql('mutation { rename(input: {id: "00000000-0000-0000-0000-000000000001", name: "Annie"}) { __typename } }');

-- an SQL error in one field rolls that field back (DATABASE_ERROR with the sqlstate);
-- the fields before and after it commit, in document order
SELECT mut.gql($q$mutation {
  first: createUser(input: {id: "00000000-0000-0000-0000-000000000015", email: "gus@t1"}) { __typename }
  broken: failing(input: {id: "00000000-0000-0000-0000-000000000016", email: "ghost@t1"}) { __typename }
  last: createUser(input: {id: "00000000-0000-0000-0000-000000000017", email: "hal@t1"}) { __typename }
}$q$, NULL, '{"tenant_id": "t1", "user_id": "u-1"}');
SELECT mut.gql('{ users { email } }', NULL, '{"tenant_id": "t1"}');
-- writes are scoped too: a row for another tenant than the context's violates the
-- policy (a DATABASE_ERROR); the same row for the context's tenant is written
SELECT mut.gql('mutation { plant(input: {id: "00000000-0000-0000-0000-000000000018", tenant: "t2", email: "ivy@t2"}) { __typename } }',
               NULL, '{"tenant_id": "t1"}');
SELECT mut.gql('mutation($in: JSON!) { plant(input: $in) { __typename } }',
               '{"in": {"id": "00000000-0000-0000-0000-000000000018", "tenant": "t1", "email": "ivy@t1"}}', '{"tenant_id": "t1"}');

-- a statement timeout is not a field error: it raises (57014), the earlier field is
-- rolled back with the statement, and the context is gone with the aborted call
SET statement_timeout = '200ms';
SELECT mut.gql('mutation { a: setStatus(input: {status: "success"}) { __typename } b: slow { __typename } }', NULL, '{"tenant_id": "t1"}');
RESET statement_timeout;
SELECT quote_literal(current_setting('app.tenant_id', true));

-- the caller's own settings are restored after the call; a key it never set reads as
-- empty afterwards (PostgreSQL keeps the placeholder setting, as after any SET LOCAL)
SET app.tenant_id = 'caller';
SELECT mut.gql('{ whoami { tenant user } }', NULL, '{"tenant_id": "t1", "user_id": "u-9"}');
SELECT current_setting('app.tenant_id'), quote_literal(current_setting('app.user_id', true));
RESET app.tenant_id;

-- inside an explicit transaction that the caller rolls back, nothing persists
BEGIN;
SELECT mut.gql('mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000019", email: "jay@t1"}) { __typename } }',
               NULL, '{"tenant_id": "t1", "user_id": "u-1"}');
SELECT mut.gql('{ userByEmail(email: "jay@t1") { email } }', NULL, '{"tenant_id": "t1"}');
ROLLBACK;
SELECT mut.gql('{ userByEmail(email: "jay@t1") { email } }', NULL, '{"tenant_id": "t1"}');

-- bad contexts: a clean request error, nothing set, nothing run
SELECT mut.gql('{ whoami { tenant } }', NULL, '{"bad-key": 1}');
SELECT mut.gql('{ whoami { tenant } }', NULL, '{"tenant_id": "t1", "1st": 1, "a b": 2}');
SELECT mut.gql('{ whoami { tenant } }', NULL, '[1, 2]');
SELECT mut.gql('{ whoami { tenant } }', NULL, '"t1"');
-- a JSON null context is no context
SELECT mut.gql('{ whoami { tenant } }', NULL, 'null');

-- a read-only transaction (as on a hot standby): mutations are refused cleanly, queries run
BEGIN READ ONLY;
SELECT mut.gql('mutation { setStatus(input: {status: "success"}) { __typename } }');
SELECT mut.gql('{ whoami { tenant } }', NULL, '{"tenant_id": "t1"}');
ROLLBACK;

RESET ROLE;

-- where each row landed (as the owner, RLS does not apply)
SELECT tenant_id, email, coalesce(created_by, '-') FROM mut.tb_user ORDER BY id;

-- explain: the mutation's SQL; context values and input literals are parameters
SELECT fraiseql.cache_reset();
SELECT jsonb_pretty(fraiseql.explain('mutation { createUser(input: {id: "00000000-0000-0000-0000-000000000011", email: "x"}) { __typename } }'));
SELECT fraiseql.explain('{ searchUsers(term: "a") { email } userByEmail(email: "b") { email } }')->'roots';
-- one plan serves calls with different contexts: the second call of the same text is a cache hit
SELECT fraiseql.cache_reset();
SELECT mut.gql('mutation { setStatus(input: {status: "success"}) { __typename } }', NULL, '{"tenant_id": "t1"}');
SELECT mut.gql('mutation { setStatus(input: {status: "success"}) { __typename } }', NULL, '{"tenant_id": "t2"}');
SELECT fraiseql.cache_stats()->'hits' AS hits, fraiseql.cache_stats()->'entries' AS entries;
-- inline input literals are parameters too: documents that differ only in them share a plan
SELECT mut.gql('mutation { setStatus(input: {status: "created"}) { __typename } }', NULL, '{"tenant_id": "t1"}');
SELECT mut.gql('mutation { setStatus(input: {status: "validation:x"}) { __typename } }', NULL, '{"tenant_id": "t1"}');
SELECT fraiseql.cache_stats()->'shared_hits' AS shared_hits;

-- the effective schema loads again as it is (with @field on input fields and graphqlInputKeys)
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line
WHERE line LIKE '%graphqlInputKeys:%' OR line LIKE '  nick:%';
SELECT fraiseql.load_schema(fraiseql.schema_sdl());
SELECT mut.gql('{ whoami { tenant } }', NULL, '{"tenant_id": "again"}');
SELECT mut.gql('mutation { a: profile(input: {displayName: "Di", nick: "d"}) { ... on StatusSuccess { message } }
                           b: profileRaw(input: {displayName: "Di"}) { ... on StatusSuccess { message } } }');

-- load_schema checks every @function against the catalog (nothing is stored on error)
SELECT fraiseql.load_schema('type Query { w: W @function(name: "mut.fn_whoami") } type W { tenant: String } type Mutation { m(input: JSON): Q @function(name: "mut.fn_missing", context: ["tenant_id"]) } type Q { a: Int } scalar JSON');
SELECT fraiseql.load_schema('type Query { w: W @function(name: "mut.fn_whoami") } type W { tenant: String } type Mutation { m(input: JSON): Q @function(name: "mut.fn_status", context: ["tenant_id", "user_id"]) } type Q { a: Int } scalar JSON');
SELECT fraiseql.load_schema('type Query { q(term: Int!): [Q!]! @function(name: "mut.fn_search_users") } type Q { a: Int }');
SELECT fraiseql.load_schema('type Query { q(word: String!): [Q!]! @function(name: "mut.fn_search_users") } type Q { a: Int }');
SELECT fraiseql.load_schema('type Query { q: [Q!]! @function(name: "mut.fn_search_users") } type Q { a: Int }');
SELECT fraiseql.load_schema('type Query { q(input: JSON): [Q!]! @function(name: "mut.fn_status") } type Q { a: Int } scalar JSON');
SELECT fraiseql.load_schema('type Query { q(term: String!): [Q!]! @function(name: "mut.fn_search_one") } type Q { a: Int }');
SELECT fraiseql.load_schema('type Query { w: W @function(name: "mut.fn_whoami") } type W { tenant: String } type Mutation { m(input: JSON): Q @function(name: "mut.fn_search_users") } type Q { a: Int } scalar JSON');
SELECT fraiseql.load_schema('type Query { w: W @function(name: "mut.fn_whoami") } type W { tenant: String } type Mutation { m(input: JSON): Q } type Q { a: Int } scalar JSON');
SELECT fraiseql.load_schema('type Query { w: Q @function(name: "mut.fn_whoami") } type Q { a(input: Int): Int @function(name: "mut.fn_status") }');
SELECT fraiseql.load_schema('type Query { w: W @function(name: "mut.fn_whoami") } type W { tenant: String } type Mutation { m(a: Int, b: Int): Q @function(name: "mut.fn_status") } type Q { a: Int }');
SELECT count(*) AS functions_in_stored_schema FROM fraiseql.schema WHERE sdl LIKE '%fn_status%';

\o /dev/null
DROP SCHEMA mut CASCADE;
DROP OWNED BY regress_mut_app;
DROP ROLE regress_mut_app;
DELETE FROM fraiseql.schema;
\o
