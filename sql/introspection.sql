-- introspection: __typename, __type and __schema in fraiseql.execute, and the
-- fraiseql.introspection setting.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

-- __typename at the root and in nested objects
SELECT pg_temp.gql('{ __typename posts { __typename author { __typename } } }');

-- __type(name:) of a view type: its fields in SDL order, with wrapped types
SELECT pg_temp.gql('{ __type(name: "Post") { kind name description fields { name type { kind name ofType { kind name ofType { name } } } } } }');

-- a type the schema does not have is null
SELECT pg_temp.gql('{ __type(name: "Nope") { name } }');

-- introspection and data in one request; response keys follow the selection, aliases included
SELECT pg_temp.gql('{ t: __type(name: "Author") { n: name k: kind } posts(limit: 1) { title } __typename }');

-- a schema with descriptions, deprecations and an enum
\o /dev/null
SELECT fraiseql.load_schema($$
"An account, read from the user view."
type Account @view(name: "app.v_user") {
  id: UUID!
  "The address we write to."
  email: String! @deprecated(reason: "Use `mail`.")
  mail: String @field(key: "email")
  firstName: String @deprecated
  kind: Kind
}
"What an account is."
enum Kind {
  PERSON
  "Automated."
  BOT @deprecated(reason: "No bots any more.")
}
type Query { accounts: [Account!]! }
$$);
\o

-- deprecated fields and enum values are left out unless includeDeprecated is true
SELECT pg_temp.gql('{ __type(name: "Account") { description fields { name } } }');
SELECT pg_temp.gql('{ __type(name: "Account") { fields(includeDeprecated: true) { name description isDeprecated deprecationReason } } }');
SELECT pg_temp.gql('{ __type(name: "Kind") { kind description enumValues { name } all: enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } } }');

-- arguments from variables; fragments and @skip/@include shape the result like data fields
SELECT pg_temp.gql('query ($t: String!, $d: Boolean!) { __type(name: $t) { ...F fields(includeDeprecated: $d) { name } } }
                    fragment F on __Type { name kind }',
                   '{"t": "Account", "d": true}');
SELECT pg_temp.gql('query ($skip: Boolean!) { __type(name: "Kind") { name @skip(if: $skip) enumValues @include(if: $skip) { name } } }',
                   '{"skip": true}');

-- __schema: root types and the directives
SELECT pg_temp.gql('{ __schema { queryType { name kind } mutationType { name } subscriptionType { name } directives { name isRepeatable locations args { name defaultValue type { kind ofType { name } } } } } }');

-- wrong introspection selections are validation errors like any other
SELECT pg_temp.gql('{ __type { name } }');
SELECT pg_temp.gql('{ accounts { __schema { description } } }');

-- fraiseql.introspection = off: __schema and __type are refused (every field
-- whose type is an introspection type is reported, as graphql-js does) ...
SET LOCAL fraiseql.introspection = off;
SELECT pg_temp.gql('{ __schema { queryType { name } } }');
SELECT pg_temp.gql('{ __type(name: "Account") { name } }');
-- ... __typename still works
SELECT pg_temp.gql('{ __typename accounts(limit: 1) { __typename } }');
-- on again: the same document is answered (the plan cache keeps the two apart)
SET LOCAL fraiseql.introspection = on;
SELECT pg_temp.gql('{ __type(name: "Account") { name } }');
-- a document that differs only in the type name is answered for its own name
-- (the plan cache shares plans across literal values only where it rebinds them)
SELECT pg_temp.gql('{ __type(name: "Kind") { name } }');

ROLLBACK;
