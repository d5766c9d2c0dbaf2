-- connections: @connection(type:) root fields: Relay paging with keyset cursors
-- (first/after, last/before), pageInfo, totalCount, where/orderBy, errors,
-- fraiseql.max_limit, the generated types in schema_sdl() and introspection.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\o /dev/null
CREATE SCHEMA conn;
-- 23 people; score has ties and NULLs (every 5th), team is only in the JSON.
-- seen (a timestamptz column, microseconds, NULLs) and born (a date only in
-- the JSON) check that cursor values come back as the same typed values.
CREATE TABLE conn.tb_person (id int PRIMARY KEY, name text NOT NULL, score int, team text, seen timestamptz, born date);
INSERT INTO conn.tb_person
SELECT i, 'p' || lpad(i::text, 2, '0'), CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7) % 4 END,
       (ARRAY['red', 'blue', 'green'])[i % 3 + 1],
       CASE WHEN i % 7 = 0 THEN NULL ELSE '2026-01-01 00:00:00.123456+00'::timestamptz + (i % 6) * interval '1 hour 0.000001 sec' END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE date '2000-02-28' + (i % 3) END
FROM generate_series(1, 23) i;
CREATE VIEW conn.v_person AS
SELECT id, score, name, seen,
       jsonb_build_object('id', id, 'name', name, 'score', score, 'team', team, 'seen', seen, 'born', born) AS data
FROM conn.tb_person;
CREATE VIEW conn.v_noid AS SELECT data FROM conn.v_person;
CREATE VIEW conn.v_red AS SELECT * FROM conn.v_person WHERE data->>'team' = 'red';
CREATE VIEW conn.v_broken AS SELECT id, data - 'name' AS data FROM conn.v_person WHERE id <= 3;
SELECT fraiseql.load_schema($$
scalar DateTime
scalar Date
type Person @view(name: "conn.v_person") { id: Int! name: String! score: Int team: String seen: DateTime born: Date }
type Query {
  people: [Person!]!
  peopleConnection: PersonConnection! @connection(type: "Person")
  redConnection: PersonConnection @connection(type: "Person") @view(name: "conn.v_red")
  brokenConnection: PersonConnection @connection(type: "Person") @view(name: "conn.v_broken")
}
$$);

CREATE FUNCTION pg_temp.q(query text, variables jsonb DEFAULT NULL) RETURNS text
LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables), 'UTF8') $$;

-- Pages through peopleConnection (forward with first/after, or backward with
-- last/before from the end) until pageInfo says there is no more; one row per
-- page: the node ids, pageInfo's flags, whether start/endCursor are the first
-- and last edge's cursors, and totalCount.
CREATE FUNCTION pg_temp.walk(args text, size int, backward boolean DEFAULT false)
RETURNS TABLE(page int, ids text, has_next boolean, has_prev boolean, cursors_ok boolean, total int)
LANGUAGE plpgsql AS $f$
DECLARE
  c text := NULL;
  r jsonb;
  conn jsonb;
  q text := format('query ($c: String) { peopleConnection(%s: %s, %s: $c%s) { totalCount edges { cursor node { id } } '
                   'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }',
                   CASE WHEN backward THEN 'last' ELSE 'first' END, size,
                   CASE WHEN backward THEN 'before' ELSE 'after' END,
                   CASE WHEN args = '' THEN '' ELSE ', ' || args END);
BEGIN
  FOR i IN 1..40 LOOP
    r := convert_from(fraiseql.execute(q, jsonb_build_object('c', c)), 'UTF8')::jsonb;
    page := i;
    IF r ? 'errors' THEN
      ids := 'ERROR: ' || (r->'errors'->0->>'message');
      RETURN NEXT;
      RETURN;
    END IF;
    conn := r->'data'->'peopleConnection';
    ids := (SELECT coalesce(string_agg(e->'node'->>'id', ',' ORDER BY n), '(none)')
            FROM jsonb_array_elements(conn->'edges') WITH ORDINALITY AS t(e, n));
    has_next := (conn->'pageInfo'->>'hasNextPage')::boolean;
    has_prev := (conn->'pageInfo'->>'hasPreviousPage')::boolean;
    cursors_ok := conn->'pageInfo'->'startCursor' = coalesce(conn->'edges'->0->'cursor', 'null')
                  AND conn->'pageInfo'->'endCursor' = coalesce(conn->'edges'->-1->'cursor', 'null');
    total := (conn->>'totalCount')::int;
    RETURN NEXT;
    EXIT WHEN NOT CASE WHEN backward THEN has_prev ELSE has_next END;
    c := conn->'pageInfo'->>CASE WHEN backward THEN 'startCursor' ELSE 'endCursor' END;
  END LOOP;
END $f$;

-- All pages' ids in order (backward pages come last page first).
CREATE FUNCTION pg_temp.walked(args text, size int, backward boolean DEFAULT false) RETURNS text
LANGUAGE sql AS $$
  SELECT string_agg(ids, ',' ORDER BY CASE WHEN backward THEN -page ELSE page END)
  FROM pg_temp.walk(args, size, backward) WHERE ids <> '(none)' $$;
\o
\set ECHO all
\set QUIET off

-- forward through all 23 rows, 5 per page: pageInfo on every page
SELECT * FROM pg_temp.walk('', 5);
SELECT pg_temp.walked('', 5) = (SELECT string_agg(id::text, ',' ORDER BY id) FROM conn.tb_person) AS forward_is_all_in_order;

-- backward from the end with last/before, 6 per page
SELECT * FROM pg_temp.walk('', 6, true);
SELECT pg_temp.walked('', 6, true) = (SELECT string_agg(id::text, ',' ORDER BY id) FROM conn.tb_person) AS backward_is_all_in_order;

-- multi-key orderBy over a column with NULLs (score) and a JSON-only text
-- field (team), mixed directions and null placements: every walk, forward and
-- backward, must give exactly the plain ordered SELECT (no overlap, no skip).
SELECT how, size, pg_temp.walked(args, size) = expected AS forward_ok,
       pg_temp.walked(args, size, true) = expected AS backward_ok,
       (SELECT count(*) FROM pg_temp.walk(args, size)) AS forward_pages
FROM (VALUES
  ('score DESC (nulls first), team', 'orderBy: [{score: DESC}, {team: ASC}]', 4,
   (SELECT string_agg(id::text, ',' ORDER BY score DESC NULLS FIRST, team ASC, id) FROM conn.tb_person)),
  ('score DESC_NULLS_LAST, team DESC', 'orderBy: [{score: DESC_NULLS_LAST}, {team: DESC}]', 4,
   (SELECT string_agg(id::text, ',' ORDER BY score DESC NULLS LAST, team DESC, id) FROM conn.tb_person)),
  ('score ASC (nulls last), name DESC', 'orderBy: [{score: ASC}, {name: DESC}]', 3,
   (SELECT string_agg(id::text, ',' ORDER BY score ASC NULLS LAST, name DESC, id) FROM conn.tb_person)),
  ('score ASC_NULLS_FIRST', 'orderBy: [{score: ASC_NULLS_FIRST}]', 7,
   (SELECT string_agg(id::text, ',' ORDER BY score ASC NULLS FIRST, id) FROM conn.tb_person)),
  ('team, score DESC_NULLS_FIRST in one object', 'orderBy: {score: DESC_NULLS_FIRST, team: ASC}', 5,
   (SELECT string_agg(id::text, ',' ORDER BY score DESC NULLS FIRST, team, id) FROM conn.tb_person)),
  ('id DESC', 'orderBy: [{id: DESC}]', 10,
   (SELECT string_agg(id::text, ',' ORDER BY id DESC) FROM conn.tb_person)),
  ('page size 1', 'orderBy: [{score: DESC_NULLS_LAST}]', 1,
   (SELECT string_agg(id::text, ',' ORDER BY score DESC NULLS LAST, id) FROM conn.tb_person)),
  ('timestamptz column DESC_NULLS_LAST', 'orderBy: [{seen: DESC_NULLS_LAST}]', 4,
   (SELECT string_agg(id::text, ',' ORDER BY seen DESC NULLS LAST, id) FROM conn.tb_person)),
  ('date in JSON, then timestamptz', 'orderBy: [{born: ASC_NULLS_FIRST}, {seen: DESC}]', 3,
   (SELECT string_agg(id::text, ',' ORDER BY born ASC NULLS FIRST, seen DESC, id) FROM conn.tb_person))
) AS t(how, args, size, expected);
-- the pages of one of them, to see the boundaries inside a run of ties and NULLs
SELECT * FROM pg_temp.walk('orderBy: [{score: DESC_NULLS_LAST}, {team: DESC}]', 4);
SELECT string_agg(id || ':' || coalesce(score::text, 'null') || ':' || team, ' ' ORDER BY score DESC NULLS LAST, team DESC, id) AS plain_select
FROM conn.tb_person;

-- where + connection: the filter applies to the pages and to totalCount
SELECT * FROM pg_temp.walk('where: {team: {eq: "red"}}, orderBy: [{score: ASC_NULLS_FIRST}]', 3);
SELECT pg_temp.walked('where: {team: {eq: "red"}}, orderBy: [{score: ASC_NULLS_FIRST}]', 3) =
       (SELECT string_agg(id::text, ',' ORDER BY score ASC NULLS FIRST, id) FROM conn.tb_person WHERE team = 'red') AS where_ok,
       (SELECT count(*) FROM conn.tb_person WHERE team = 'red') AS red_count;
SELECT pg_temp.q('{ peopleConnection(first: 2, where: {score: {isnull: true}}) { totalCount edges { node { id score } } } }');

-- @view on the connection field reads another view (and the field may be nullable)
SELECT pg_temp.q('{ redConnection(last: 2) { totalCount edges { node { id team } } pageInfo { hasPreviousPage } } }');

-- a node that breaks its type (name is missing): the error's path goes through
-- the edge, and the null reaches the nullable connection field
SELECT pg_temp.q('{ brokenConnection(first: 2) { edges { cursor node { id name } } } redConnection(first: 1) { edges { node { id } } } }');

-- an empty page still has totalCount and pageInfo
SELECT pg_temp.q('{ peopleConnection(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }');
SELECT pg_temp.q('{ peopleConnection(first: 3, where: {id: {gt: 100}}) { totalCount edges { cursor } pageInfo { hasNextPage startCursor } } }');

-- no first/last: every row, hasNextPage false
SELECT pg_temp.q('{ peopleConnection(where: {id: {lte: 3}}) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }');

-- totalCount is computed only when selected: the statement differs
SELECT fraiseql.explain('{ peopleConnection(first: 2) { totalCount edges { node { id } } } }')->'roots'->0->>'sql' AS with_total_count;
SELECT fraiseql.explain('{ peopleConnection(first: 2) { edges { node { id } } } }')->'roots'->0->>'sql' AS without_total_count;
-- after a cursor: the keyset predicate binds the cursor's values as typed parameters
SELECT r->>'sql' AS sql, r->'params' AS params
FROM (SELECT fraiseql.explain('query ($c: String) { peopleConnection(first: 2, after: $c, orderBy: [{score: DESC}]) { edges { node { id } } pageInfo { hasPreviousPage } } }',
                              '{"c": "x"}')->'roots'->0 AS r) e;

-- aliases, fragments, @skip/@include and __typename inside the selection
SELECT pg_temp.q('query ($skip: Boolean!) {
  a: peopleConnection(first: 2, orderBy: [{name: DESC}]) {
    __typename
    n: totalCount @skip(if: $skip)
    list: edges { __typename c: cursor ...E }
    ... on PersonConnection { info: pageInfo { __typename more: hasNextPage } }
    edges { node { team } }
  }
  b: peopleConnection(last: 1) { pageInfo { hasPreviousPage hasNextPage } edges @include(if: $skip) { node { id } } }
}
fragment E on PersonEdge { node { id name } }', '{"skip": true}');

-- edges first is written as rows arrive, pageInfo first from a buffered page:
-- the same edges and pageInfo either way
SELECT r->'a'->'edges' = r->'b'->'edges' AS same_edges, r->'a'->'pageInfo' = r->'b'->'pageInfo' AS same_page_info,
       jsonb_array_length(r->'a'->'edges') AS edges, r->'a'->'pageInfo'->'hasNextPage' AS has_next
FROM (SELECT pg_temp.q('{
  a: peopleConnection(first: 4, orderBy: [{seen: DESC}]) { edges { cursor node { id seen } } pageInfo { startCursor endCursor hasNextPage } }
  b: peopleConnection(first: 4, orderBy: [{seen: DESC}]) { pageInfo { startCursor endCursor hasNextPage } edges { cursor node { id seen } } }
}')::jsonb->'data' AS r) t;

-- errors: BAD_USER_INPUT at the argument, the field null (data null: it is non-null)
SELECT pg_temp.q('{ peopleConnection(first: 2, after: "not a cursor") { edges { cursor } } }');
SELECT pg_temp.q('{ peopleConnection(first: 2, before: "bm90IGpzb24=") { edges { cursor } } }');
-- a cursor of another orderBy
SELECT pg_temp.q(format('{ peopleConnection(first: 2, after: %s, orderBy: [{name: ASC}]) { edges { cursor } } }',
       (pg_temp.q('{ peopleConnection(first: 1) { edges { cursor } } }')::jsonb->'data'->'peopleConnection'->'edges'->0->'cursor')::text));
-- a well-formed cursor with a value of the wrong type for the key
SELECT pg_temp.q(format('{ peopleConnection(first: 2, after: "%s") { edges { cursor } } }',
       translate(encode(convert_to('["' || (SELECT substr(convert_from(decode(
         pg_temp.q('{ peopleConnection(first: 1) { edges { cursor } } }')::jsonb->'data'->'peopleConnection'->'edges'->0->>'cursor',
         'base64'), 'UTF8'), 3, 8)) || '","abc"]', 'UTF8'), 'base64'), E'\n', '')));
SELECT pg_temp.q('{ peopleConnection(first: -1) { edges { cursor } } }');
SELECT pg_temp.q('query ($n: Int) { peopleConnection(last: $n) { edges { cursor } } }', '{"n": -3}');
SELECT pg_temp.q('{ peopleConnection(first: 1, last: -1) { edges { cursor } } }');
SELECT pg_temp.q('{ peopleConnection(first: 1, limit: 1) { edges { cursor } } }');

-- first and last together: the first rows, then the last of those (Relay's
-- EdgesToReturn); hasPreviousPage says whether last dropped rows, hasNextPage
-- whether first did; with after, from the cursor on; through variables too
SELECT a, pg_temp.q('query ' || d || ' { peopleConnection(' || a || ') { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }',
                    '{"f": 6, "l": 2}') FROM (VALUES
 ('first: 5, last: 2', ''), ('first: 2, last: 5', ''), ('first: 3, last: 0', ''), ('first: 100, last: 3', ''),
 ('first: 4, last: 2, orderBy: [{score: DESC}]', ''), ('first: $f, last: $l', '($f: Int, $l: Int)'),
 ('first: $f, last: $l, after: $c', '($f: Int, $l: Int, $c: String)')
) AS t(a, d);
SELECT pg_temp.q(format('{ peopleConnection(first: 4, last: 2, after: "%s") { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }',
       pg_temp.q('{ peopleConnection(first: 3) { edges { cursor } } }')::jsonb->'data'->'peopleConnection'->'edges'->2->>'cursor'));
-- last without before: a previous page exists when rows precede the page
SELECT pg_temp.q('{ peopleConnection(last: 2) { pageInfo { hasPreviousPage hasNextPage } edges { node { id } } } }');
SELECT pg_temp.q('{ peopleConnection(last: 30) { pageInfo { hasPreviousPage hasNextPage } totalCount } }');

-- fraiseql.max_limit caps first and last (and applies when neither is given)
SET LOCAL fraiseql.max_limit = 4;
SELECT * FROM pg_temp.walk('', 10);
SELECT pg_temp.q('{ peopleConnection(last: 9) { edges { node { id } } pageInfo { hasPreviousPage } } }');
SELECT pg_temp.q('{ peopleConnection { edges { node { id } } pageInfo { hasNextPage } } }');
SET LOCAL fraiseql.max_limit = 0;

-- plan cache: first is a bound parameter, so first: 10 and first: 20 share a plan
SELECT fraiseql.cache_reset();
SELECT pg_temp.q('{ peopleConnection(first: 1) { edges { node { id } } } }');
SELECT pg_temp.q('{ peopleConnection(first: 3) { edges { node { id } } } }');
SELECT fraiseql.cache_stats()->'entries' AS entries, fraiseql.cache_stats()->'shared_hits' AS shared_hits;
SELECT (fraiseql.explain('query ($n: Int) { peopleConnection(first: $n) { edges { node { id } } } }', '{"n": 10}')->'cache_hit') AS first_call,
       (fraiseql.explain('query ($n: Int) { peopleConnection(first: $n) { edges { node { id } } } }', '{"n": 20}')->'cache_hit') AS second_call;
-- a literal cursor is a parameter too: the shared plan runs with each document's own cursor
SELECT pg_temp.q(format('{ peopleConnection(first: 2, after: %s) { edges { node { id } } } }',
       (pg_temp.q('{ peopleConnection(first: 3) { edges { cursor } } }')::jsonb->'data'->'peopleConnection'->'edges'->k->'cursor')::text))
FROM generate_series(0, 2) k;

-- schema_sdl() prints the generated types and arguments, and loads again
SELECT substring(fraiseql.schema_sdl() FROM '  peopleConnection[^\n]*') AS field,
       substring(fraiseql.schema_sdl() FROM 'type PersonConnection \{[^}]*\}') AS connection_type,
       substring(fraiseql.schema_sdl() FROM 'type PersonEdge \{[^}]*\}') AS edge_type,
       substring(fraiseql.schema_sdl() FROM 'type PageInfo \{[^}]*\}') AS page_info;
CREATE TEMP TABLE before_reload AS SELECT fraiseql.schema_sdl() AS sdl;
SELECT fraiseql.load_schema(fraiseql.schema_sdl());
SELECT fraiseql.schema_sdl() = sdl AS reload_gives_same_schema FROM before_reload;
SELECT pg_temp.q('{ peopleConnection(first: 2) { edges { node { id } } } }') AS after_reload;

-- introspection describes the generated types
SELECT pg_temp.q('{ __type(name: "PersonConnection") { kind fields { name type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } }');
SELECT pg_temp.q('{ __type(name: "PageInfo") { fields { name type { kind name ofType { name } } } } }');
SELECT pg_temp.q('{ __type(name: "Query") { fields { name args { name type { kind name ofType { kind name ofType { name } } } } } } }');

-- stability: rows inserted before the cursor do not move the next page
\set VERBOSITY terse
CREATE TEMP TABLE page1 AS
SELECT pg_temp.q('{ peopleConnection(first: 5) { edges { node { id } } pageInfo { endCursor } } }')::jsonb->'data'->'peopleConnection' AS c;
SELECT c->'edges' AS page1 FROM page1;
INSERT INTO conn.tb_person VALUES (-1, 'early', 1, 'red'), (0, 'earlier', 2, 'blue'), (100, 'late', 3, 'green');
SELECT pg_temp.q('query ($c: String) { peopleConnection(first: 5, after: $c) { edges { node { id } } pageInfo { hasPreviousPage } } }',
                 jsonb_build_object('c', c->'pageInfo'->'endCursor')) AS page2_after_inserts FROM page1;
SELECT pg_temp.walked('', 7) = (SELECT string_agg(id::text, ',' ORDER BY id) FROM conn.tb_person) AS walk_after_inserts;
-- the cursor's row deleted: the next page still starts right after its position
DELETE FROM conn.tb_person WHERE id = 5;
SELECT pg_temp.q('query ($c: String) { peopleConnection(first: 3, after: $c) { edges { node { id } } } }',
                 jsonb_build_object('c', c->'pageInfo'->'endCursor')) AS after_deleted_cursor_row FROM page1;

-- load_schema errors: line:column, and nothing is stored
SELECT fraiseql.load_schema('type Query { xs: NopeConnection! @connection(type: "Nope") }');
SELECT fraiseql.load_schema('type Query { xs: StringConnection! @connection(type: "String") }');
SELECT fraiseql.load_schema('type P { id: Int! }
type Query { xs: PConnection! @connection(type: "P") }');
SELECT fraiseql.load_schema('type P @view(name: "conn.v_person") { id: Int! }
type Query { xs: [P!]! @connection(type: "P") }');
SELECT fraiseql.load_schema('type P @view(name: "conn.v_person") { id: Int! }
type Query { xs: PEdge! @connection(type: "P") }');
SELECT fraiseql.load_schema('type P @view(name: "conn.v_person") { id: Int! }
type PConnection { edges: [PEdge!]! }
type Query { xs: PConnection! @connection(type: "P") }');
SELECT fraiseql.load_schema('type P @view(name: "conn.v_person") { id: Int! xs: PConnection! @connection(type: "P") }
type Query { ps: [P!]! }');
SELECT fraiseql.load_schema('type P @view(name: "conn.v_noid") { id: Int! }
type Query { xs: PConnection! @connection(type: "P") }');
SELECT fraiseql.schema_sdl() LIKE '%peopleConnection%' AS previous_schema_kept;
ROLLBACK;
