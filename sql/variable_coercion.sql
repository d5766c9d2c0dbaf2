-- variable_coercion: every scalar's variables, accepted and refused, bound to
-- real columns of that type (so the text the core hands PostgreSQL must be
-- valid input for the column type), plus lists, input objects and defaults.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\o /dev/null
CREATE VIEW app.v_sample AS
SELECT 7 AS i, 2.5::float8 AS f, 'plain "text"'::text AS s, true AS b, '7'::text AS ident,
       'a0000000-0000-0000-0000-000000000007'::uuid AS u, '2024-02-29'::date AS d,
       '2026-11-30 06:31:02+00'::timestamptz AS ts, '12:30:00'::time AS t,
       9223372036854775807::bigint AS big, 12.50::numeric AS dec, '{"k": [1, true]}'::jsonb AS j,
       jsonb_build_object('label', 'the sample') AS data;
SELECT fraiseql.load_schema($$
type Sample @view(name: "app.v_sample") { label: String }
type Query {
  byInt(i: Int!): Sample
  byFloat(f: Float!): Sample
  byString(s: String!): Sample
  byBoolean(b: Boolean!): Sample
  byId(ident: ID!): Sample
  byUuid(u: UUID!): Sample
  byDate(d: Date!): Sample
  byDateTime(ts: DateTime!): Sample
  byTime(t: Time!): Sample
  byBigInt(big: BigInt!): Sample
  byDecimal(dec: Decimal!): Sample
  byJson(j: JSON!): Sample
}
$$);
\o
\set ECHO all
\pset tuples_only on
\pset format unaligned
\set QUIET off

-- each scalar finds the row through a variable ...
SELECT pg_temp.gql('query ($v: Int!) { byInt(i: $v) { label } }', '{"v": 7}');
SELECT pg_temp.gql('query ($v: Float!) { byFloat(f: $v) { label } }', '{"v": 2.5}');
SELECT pg_temp.gql('query ($v: String!) { byString(s: $v) { label } }', '{"v": "plain \"text\""}');
SELECT pg_temp.gql('query ($v: Boolean!) { byBoolean(b: $v) { label } }', '{"v": true}');
SELECT pg_temp.gql('query ($v: ID!) { byId(ident: $v) { label } }', '{"v": "7"}');
SELECT pg_temp.gql('query ($v: UUID!) { byUuid(u: $v) { label } }', '{"v": "A0000000-0000-0000-0000-000000000007"}');
SELECT pg_temp.gql('query ($v: Date!) { byDate(d: $v) { label } }', '{"v": "2024-02-29"}');
SELECT pg_temp.gql('query ($v: DateTime!) { byDateTime(ts: $v) { label } }', '{"v": "2026-11-30T08:31:02+02:00"}');
SELECT pg_temp.gql('query ($v: Time!) { byTime(t: $v) { label } }', '{"v": "12:30:00"}');
SELECT pg_temp.gql('query ($v: BigInt!) { byBigInt(big: $v) { label } }', '{"v": "9223372036854775807"}');
SELECT pg_temp.gql('query ($v: Decimal!) { byDecimal(dec: $v) { label } }', '{"v": 12.5}');
SELECT pg_temp.gql('query ($v: JSON!) { byJson(j: $v) { label } }', '{"v": {"k": [1, true]}}');

-- ... and an ID given as an integer is its decimal text
SELECT pg_temp.gql('query ($v: ID!) { byId(ident: $v) { label } }', '{"v": 7}');

-- each scalar refuses what is not one of its values: request errors, no data
SELECT pg_temp.gql('query ($v: Int!) { byInt(i: $v) { label } }', '{"v": 7.5}');
SELECT pg_temp.gql('query ($v: Float!) { byFloat(f: $v) { label } }', '{"v": "2.5"}');
SELECT pg_temp.gql('query ($v: String!) { byString(s: $v) { label } }', '{"v": 1}');
SELECT pg_temp.gql('query ($v: Boolean!) { byBoolean(b: $v) { label } }', '{"v": 1}');
SELECT pg_temp.gql('query ($v: ID!) { byId(ident: $v) { label } }', '{"v": true}');
SELECT pg_temp.gql('query ($v: UUID!) { byUuid(u: $v) { label } }', '{"v": "a0000000000000000000000000000007"}');
SELECT pg_temp.gql('query ($v: Date!) { byDate(d: $v) { label } }', '{"v": "2023-02-29"}');
SELECT pg_temp.gql('query ($v: DateTime!) { byDateTime(ts: $v) { label } }', '{"v": "2026-11-30 06:31:02"}');
SELECT pg_temp.gql('query ($v: Time!) { byTime(t: $v) { label } }', '{"v": "25:00:00"}');
SELECT pg_temp.gql('query ($v: BigInt!) { byBigInt(big: $v) { label } }', '{"v": "9223372036854775808"}');
SELECT pg_temp.gql('query ($v: Decimal!) { byDecimal(dec: $v) { label } }', '{"v": "twelve"}');
SELECT pg_temp.gql('query ($v: Boolean!) { byBoolean(b: $v) { label } }', '{"v": null}');

-- every problem of every variable is reported, in definition order
SELECT pg_temp.gql('query ($a: Int!, $b: Date!, $c: UUID!) { byInt(i: $a) { label } byDate(d: $b) { label } byUuid(u: $c) { label } }',
                   '{"a": "x", "c": "y"}');

-- a default applies when the variable is absent, not when it is null; a null
-- given for a non-null argument is a field error of that field (graphql-js wording)
SELECT pg_temp.gql('query ($v: Int = 7) { byInt(i: $v) { label } }');
SELECT pg_temp.gql('query ($v: Int = 7) { byInt(i: $v) { label } }', '{"v": null}');

-- a variables value that is not an object (array, string, number, boolean) is
-- a request error (graphql-js's execute wording), whether or not the operation
-- declares variables; JSON null and SQL NULL mean no variables
SELECT pg_temp.gql('query ($v: Int!) { byInt(i: $v) { label } }', '[7]');
SELECT pg_temp.gql('{ byInt(i: 7) { label } }', '"{\"v\": 7}"');
SELECT pg_temp.gql('{ byInt(i: 7) { label } }', '7');
SELECT pg_temp.gql('{ byInt(i: 7) { label } }', 'true');
SELECT pg_temp.gql('{ byInt(i: 7) { label } }', 'null');
SELECT pg_temp.gql('query ($v: Int = 7) { byInt(i: $v) { label } }', NULL);
-- the same for the request context
SELECT convert_from(fraiseql.execute('{ byInt(i: 7) { label } }', NULL, NULL, '[1]'), 'UTF8');
SELECT convert_from(fraiseql.execute('{ byInt(i: 7) { label } }', NULL, NULL, '"tenant"'), 'UTF8');
SELECT convert_from(fraiseql.execute('{ byInt(i: 7) { label } }', NULL, NULL, 'null'), 'UTF8');

ROLLBACK;
