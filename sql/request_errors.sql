-- request_errors: errors are GraphQL responses, never SQL errors.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

-- a syntax error: GRAPHQL_PARSE_FAILED with line and column, no data key
SELECT pg_temp.gql('{ users { id }');
SELECT pg_temp.gql('query {
  users { id ?? }
}');

-- an unknown field: GRAPHQL_VALIDATION_FAILED, with graphql-js's suggestion
SELECT pg_temp.gql('{ users { emial } }');
SELECT pg_temp.gql('{ nope }');

-- leaf and composite selections
SELECT pg_temp.gql('{ users { email { x } } }');
SELECT pg_temp.gql('{ users { company } }');

-- arguments: unknown, missing, wrong literal type
SELECT pg_temp.gql('{ users(first: 1) { id } }');
SELECT pg_temp.gql('{ user { id } }');
SELECT pg_temp.gql('{ users(limit: "ten") { id } }');

-- operations: undefined variable, unknown fragment, unsupported operation type
SELECT pg_temp.gql('query Q { user(id: $id) { id } }');
SELECT pg_temp.gql('{ users { ...Missing } }');
SELECT pg_temp.gql('mutation { doIt }');

-- operation selection
SELECT pg_temp.gql('query A { users { id } } query B { posts { id } }');
SELECT pg_temp.gql('query A { users(limit: 1) { id } } query B { posts(limit: 1) { title } }', NULL, 'B');
SELECT pg_temp.gql('query A { users { id } }', NULL, 'C');

-- variable coercion: BAD_USER_INPUT, no data key (graphql-js wording)
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { id } }');
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { id } }', '{"id": null}');
SELECT pg_temp.gql('query ($n: Int) { users(limit: $n) { id } }', '{"n": "5"}');
SELECT pg_temp.gql('query ($n: Int) { users(limit: $n) { id } }', '{"n": 2147483648}');
SELECT pg_temp.gql('query ($n: Int) { users(limit: $n) { id } }', '{"n": 1.5}');

-- a malformed UUID is rejected by variable coercion: a request error
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { id } posts(limit: 1) { title } }', '{"id": "not-a-uuid"}');
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { id } }', '{"id": "A0000000-0000-0000-0000-00000000000"}');
-- an upper-case UUID is a UUID
SELECT pg_temp.gql('query ($id: UUID!) { user(id: $id) { email } }', '{"id": "A0000000-0000-0000-0000-000000000001"}');

-- a value the column type rejects: a field error for that root field only
SELECT pg_temp.gql('query ($id: String!) { userByText(id: $id) { id } posts(limit: 1) { title } }', '{"id": "not-a-uuid"}');

-- limits give QUERY_TOO_COMPLEX
SET fraiseql.max_query_bytes = 64;
SELECT pg_temp.gql('{ users { id email firstName lastName loginCount company { id name } } }');
RESET fraiseql.max_query_bytes;
SET fraiseql.max_depth = 2;
SELECT pg_temp.gql('{ users { company { name } } }');
SELECT pg_temp.gql('{ users { email } }');
RESET fraiseql.max_depth;
SET fraiseql.max_tokens = 5;
SELECT pg_temp.gql('{ users { id email } }');
RESET fraiseql.max_tokens;
SET fraiseql.max_aliases = 2;
SELECT pg_temp.gql('{ a: users(limit: 1) { e: email } }');
SELECT pg_temp.gql('{ a: users(limit: 1) { e: email } ...F } fragment F on Query { b: users(limit: 1) { id } }');
SET fraiseql.max_aliases = 0;
SELECT pg_temp.gql('{ a: users(limit: 1) { e: email } ...F } fragment F on Query { b: users(limit: 1) { id } }');
RESET fraiseql.max_aliases;
-- the default (100) stops an alias flood
SELECT pg_temp.gql('{ ' || string_agg(format('a%s: __typename', i), ' ') || ' }')::jsonb->'errors'->0
FROM generate_series(1, 300) i;

-- deep nesting far past every limit is refused cleanly, and the session goes on
SELECT pg_temp.gql(repeat('{ users ', 100000));
SELECT pg_temp.gql(repeat('{ a ', 60000));
SELECT pg_temp.gql('{ users(limit: ' || repeat('[', 200000) || ') { id } }');
SELECT pg_temp.gql('{ users(limit: 1) { email } }');

ROLLBACK;
