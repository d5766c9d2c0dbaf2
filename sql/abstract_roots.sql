-- abstract_roots: Query fields whose type is a union or an interface over
-- view types: one UNION ALL statement, a constant tag per member type picks
-- the projection, __typename is the member's name; node(id:) reads every
-- member view; limit/offset, max_limit, field errors, load errors, schema_sdl().
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\o /dev/null
CREATE SCHEMA abs;
-- Posts and comments have text ids; photos have int ids (a different id type
-- in the same union). 'dup' is both a post and a comment.
CREATE VIEW abs.v_post AS
SELECT id, jsonb_build_object('id', id, 'title', title, 'author', author) AS data
FROM (VALUES ('p2', 'Second', 'ann'), ('p1', 'First', 'bob'), ('dup', 'Dup post', 'ann')) t(id, title, author);
CREATE VIEW abs.v_comment AS
SELECT id, jsonb_build_object('id', id, 'body', body, 'author', author) AS data
FROM (VALUES ('c1', 'Nice', 'cid'), ('dup', 'Dup comment', 'dan')) t(id, body, author);
CREATE VIEW abs.v_photo AS
SELECT id, jsonb_build_object('id', id::text, 'url', url) AS data
FROM (VALUES (10, 'a.png'), (9, 'b.png')) t(id, url);
-- The second row lacks the non-null body.
CREATE VIEW abs.v_bad_comment AS
SELECT id, data FROM (VALUES ('b1', '{"id": "b1", "body": "ok"}'::jsonb), ('b2', '{"id": "b2"}'::jsonb)) t(id, data);
CREATE VIEW abs.v_noid AS SELECT data FROM abs.v_post;
SELECT fraiseql.load_schema($$
interface Node { id: ID! }
interface Authored { author: String! }
interface Thing { id: ID! }
type Post implements Node & Authored & Thing @view(name: "abs.v_post") { id: ID! title: String! author: String! }
type Comment implements Node & Authored @view(name: "abs.v_comment") { id: ID! body: String! author: String! }
type Photo implements Thing @view(name: "abs.v_photo") { id: ID! url: String! }
type BadComment @view(name: "abs.v_bad_comment") { id: ID! body: String! }
union SearchResult = Post | Comment | Photo
union Broken = Photo | BadComment
union Writing = Post | Comment
type Query {
  feed: [SearchResult!]!
  nodes: [Node!]!
  node(id: ID!): Node
  broken: [Broken!]
  posts: [Post!]!
  thing(id: ID!): SearchResult
  authored: [Authored!]!
  things: [Thing!]
  writings: [Writing!]!
}
$$);
CREATE FUNCTION pg_temp.q(query text, variables jsonb DEFAULT NULL) RETURNS text
LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables), 'UTF8') $$;
\o
\set ECHO all
\set QUIET off

-- union list: fragments on each member, __typename, aliases; order is
-- (member type in union order, id): posts by text id, comments, photos by int id (9 before 10)
SELECT pg_temp.q('{ feed { __typename ... on Post { id title } ... on Comment { id text: body } ... on Photo { url } } }');
-- interface list: shared fields, type-specific fragments, a fragment on another interface
SELECT pg_temp.q('{ nodes { id ... on Post { title } ... on Authored { by: author } ... on Comment { kind: __typename } } }');
-- a named fragment on the interface, spread inside a union selection
SELECT pg_temp.q('query { feed(limit: 3) { ...N } } fragment N on Node { __typename id }');
-- limit/offset (text literals and variables)
SELECT pg_temp.q('{ feed(limit: 2, offset: 2) { __typename ... on Node { id } ... on Photo { url } } }');
SELECT pg_temp.q('query ($l: Int, $o: Int) { nodes(limit: $l, offset: $o) { id } }', '{"l": 1, "o": 4}');
SELECT pg_temp.q('{ nodes(offset: 10) { id } }');
-- interface lists: where/orderBy over the interface's fields, compiled
-- against each member view (id is a column, author only in the JSON); the
-- order is global over all members, ties broken by (member type, id)
SELECT pg_temp.q('{ nodes(where: {id: {in: ["c1", "p2", "zz"]}}) { __typename id } }');
SELECT pg_temp.q('{ nodes(orderBy: [{id: DESC}], limit: 4) { __typename id } }');
SELECT pg_temp.q('{ nodes(orderBy: [{id: DESC}], limit: 2, offset: 2) { __typename id } }');
SELECT pg_temp.q('query ($w: AuthoredWhereInput) { authored(where: $w, orderBy: [{author: DESC}]) { author ... on Node { id } } }',
                 '{"w": {"OR": [{"author": {"eq": "ann"}}, {"author": {"startswith": "d"}}]}}');
SELECT pg_temp.q('{ authored(where: {author: {eq: "nobody"}}) { author } }');
SELECT fraiseql.explain('{ nodes(where: {id: {eq: "p1"}}, orderBy: [{id: ASC}], limit: 1) { id } }')->'roots'->0->>'sql' AS sql;
-- an interface over views with different id types (text, int): filters
-- bind per view; an orderBy key whose types differ cannot be unioned (DATABASE_ERROR)
SELECT pg_temp.q('{ things(where: {id: {in: ["9", "10"]}}) { __typename id } }');
SELECT pg_temp.q('{ things(orderBy: [{id: ASC}]) { id } }');
-- union lists: where/orderBy over the fields every member has with one type
-- (Writing: id and author; SearchResult: id only), compiled against each member view
SELECT pg_temp.q('{ writings(where: {author: {eq: "ann"}}, orderBy: [{id: DESC}]) { __typename ... on Post { id } ... on Comment { id } } }');
SELECT pg_temp.q('{ writings(orderBy: [{author: DESC}, {id: ASC}], limit: 3) { ... on Post { author id } ... on Comment { author id } } }');
SELECT pg_temp.q('query ($w: WritingWhereInput) { writings(where: $w) { __typename } }', '{"w": {"NOT": {"author": {"in": ["ann", "bob"]}}}}');
SELECT pg_temp.q('{ feed(where: {id: {in: ["9", "10"]}}) { __typename ... on Photo { url } } }');
-- bound per view: a value the photos' int id rejects is BAD_USER_INPUT, as for interfaces
SELECT pg_temp.q('{ feed(where: {id: {in: ["p1", "c1", "9"]}}) { __typename } }');
SELECT pg_temp.q('{ feed(where: {author: {eq: "ann"}}) { __typename } }');
SELECT substring(fraiseql.schema_sdl() FROM 'input WritingWhereInput \{[^}]*\}') AS writing_where,
       substring(fraiseql.schema_sdl() FROM 'input SearchResultOrderByInput \{[^}]*\}') AS search_order;

-- max_limit caps the list
SET fraiseql.max_limit = 2;
SELECT pg_temp.q('{ nodes { id } }');
SELECT pg_temp.q('{ nodes(limit: 5) { id } }');
RESET fraiseql.max_limit;

-- node(id:) finds rows in either member view; unknown id: null
SELECT pg_temp.q('{ a: node(id: "p1") { __typename id ... on Post { title } } b: node(id: "c1") { __typename id ... on Comment { body } } c: node(id: "zz") { id } }');
SELECT pg_temp.q('query ($id: ID!) { node(id: $id) { ... on Comment { body } } }', '{"id": "c1"}');
-- views with different id types: the value is bound per view with that
-- view's column type; one that a view's type rejects is BAD_USER_INPUT
SELECT pg_temp.q('{ a: thing(id: "9") { __typename ... on Photo { url } } b: thing(id: "p1") { __typename } }');
-- 'dup' is in two member views: two rows is a field error
SELECT pg_temp.q('{ node(id: "dup") { id } posts(limit: 1) { id } }');

-- a broken row in one member view: the error path has the list index, the
-- nullable list becomes null, the other root fields stay
SELECT pg_temp.q('{ broken { __typename ... on BadComment { id body } ... on Photo { id } } posts(limit: 1) { id } }');

-- one statement, the tags are literals, the arguments parameters
SELECT fraiseql.explain('{ feed(limit: 2) { __typename } }')->'roots'->0->>'sql' AS sql;
SELECT r->>'sql' AS sql, r->'params' AS params
FROM (SELECT fraiseql.explain('{ node(id: "p1") { id } }')->'roots'->0 AS r) x;

-- plan cache: the second call hits, also with another literal
SELECT fraiseql.cache_reset();
SELECT pg_temp.q('{ node(id: "p2") { id } }');
SELECT pg_temp.q('{ node(id: "p2") { id } }');
SELECT pg_temp.q('{ node(id: "c1") { id } }');
SELECT fraiseql.cache_stats()->'entries' AS entries, fraiseql.cache_stats()->'hits' AS hits,
       fraiseql.cache_stats()->'shared_hits' AS shared_hits, fraiseql.cache_stats()->'misses' AS misses;

-- schema_sdl(): the generated arguments are printed, and it loads again
SELECT substring(fraiseql.schema_sdl() FROM '  feed[^\n]*') AS feed, substring(fraiseql.schema_sdl() FROM '  node\([^\n]*') AS node;
SELECT substring(fraiseql.schema_sdl() FROM '  nodes[^\n]*') AS nodes, substring(fraiseql.schema_sdl() FROM 'input NodeWhereInput \{[^}]*\}') AS node_where;
CREATE TEMP TABLE before_reload AS SELECT fraiseql.schema_sdl() AS sdl;
SELECT fraiseql.load_schema(fraiseql.schema_sdl());
SELECT fraiseql.schema_sdl() = sdl AS reload_gives_same_schema FROM before_reload;
SELECT pg_temp.q('{ feed(limit: 1) { __typename } }');
-- introspection sees the arguments
SELECT pg_temp.q('{ __type(name: "Query") { fields { name args { name } type { name kind ofType { name kind ofType { name } } } } } }');

-- load errors: line:column, nothing stored
SELECT fraiseql.load_schema('interface N { id: ID! } type A implements N { id: ID! }
type Query { ns: [N!]! }');
SELECT fraiseql.load_schema('type A @view(name: "abs.v_post") { id: ID! } type B { id: ID! } union U = A | B
type Query { us: [U!]! }');
SELECT fraiseql.load_schema('type A @view(name: "abs.v_post") { id: ID! } type B @view(name: "abs.v_noid") { id: ID! } union U = A | B
type Query { us: [U!]! }');
SELECT fraiseql.load_schema('type A @view(name: "abs.v_post") { id: ID! } type B @view(name: "abs.v_photo") { id: ID! } union U = A | B
type Query { u(id: ID!, author: String): U }');
SELECT fraiseql.load_schema('type A @view(name: "abs.v_post") { id: ID! } union U = A
type Query { u: U! }');
SELECT fraiseql.load_schema('interface N { id: ID! }
type Query { ns: [N!]! }');
SELECT pg_temp.q('{ feed(limit: 1) { __typename } }') AS schema_unchanged;
ROLLBACK;
