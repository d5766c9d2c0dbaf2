-- filter_ltree: LTree filters (contrib ltree) on a real ltree column and on
-- the JSON path (::ltree); lquery input checked before the statement; a
-- schema using LTree without the extension is a load error.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set QUIET off
-- without ltree: a clear load error naming the field's line
CREATE SCHEMA plain;
CREATE VIEW plain.v_node AS SELECT 1 AS id, '{"path": "a.b"}'::jsonb AS data;
SELECT fraiseql.load_schema($$
type Node @view(name: "plain.v_node") {
  id: Int!
  path: LTree
}
type Query { nodes: [Node!]! }
$$);
\set QUIET on
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off

-- path: 1 top.science.physics | 2 top.science | 3 top.arts.music | 4 NULL
--       5 top.science.chemistry | 6 top | 7 top.science.physics
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'eq column',                  'where: {path: {eq: "top.science"}}'),
 (2,  'in json',                    'where: {pathJson: {in: ["top", "top.arts.music"]}}'),
 (3,  'nin (null never matches)',   'where: {path: {nin: ["top"]}}'),
 (4,  'isnull',                     'where: {pathJson: {isnull: true}}'),
 (5,  'descendantOf (itself included)', 'where: {path: {descendantOf: "top.science"}}'),
 (6,  'descendantOf json',          'where: {pathJson: {descendantOf: "top.science"}}'),
 (7,  'ancestorOf',                 'where: {path: {ancestorOf: "top.science.physics.quantum"}}'),
 (8,  'matchesLquery',              'where: {path: {matchesLquery: "*.physics|music"}}'),
 (9,  'matchesLquery json, one label under top', 'where: {pathJson: {matchesLquery: "top.*{1}"}}'),
 (10, 'depthEq',                    'where: {path: {depthEq: 1}}'),
 (11, 'depthGte json',              'where: {pathJson: {depthGte: 3}}'),
 (12, 'depthLt',                    'where: {path: {depthLt: 3}}'),
 (13, 'depthGt / depthLte',         'where: {path: {depthGt: 1, depthLte: 2}}'),
 (14, 'NOT descendantOf (null stays out)', 'where: {NOT: {path: {descendantOf: "top.science"}}}')
) AS t(n, what, args) ORDER BY n;

-- a variable inside the list: one text parameter per item, the array cast to ltree[]
SELECT pg_temp.ids('where: {pathJson: {in: [$p, "top"]}, path: {nin: [$p]}}', '{"p": "top.arts.music"}', '($p: LTree!)') AS variable_item;
SELECT pg_temp.ids('where: {pathJson: {in: [$p, "top"]}}', '{"p": "top.arts.music"}', '($p: LTree!)') AS variable_item_json;
-- bad input: GraphQL errors (the lquery's own parser judges it first), then the session goes on
SELECT pg_temp.ids('where: {path: {matchesLquery: "top..x"}}') AS bad_lquery_literal;
SELECT pg_temp.ids('where: {path: {matchesLquery: $q}}', '{"q": "top.{"}', '($q: String)') AS bad_lquery_variable;
SELECT pg_temp.ids('where: {path: {eq: "top.sci ence"}}') AS bad_ltree;
SELECT pg_temp.ids('where: {pathJson: {descendantOf: $p}}', '{"p": "a..b"}', '($p: LTree)') AS bad_ltree_variable;
SELECT pg_temp.ids('where: {path: {gt: "top"}}') AS wrong_operator;
SELECT pg_temp.ids('where: {path: {matchesLquery: "top.science"}}') AS after_errors;
ROLLBACK;
