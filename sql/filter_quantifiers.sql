-- filter_quantifiers: some/every/none over lists of objects in the JSON,
-- nested to any depth, with null and absent lists and fields; bad input;
-- the containment test a GIN jsonb_path_ops index serves.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_lists.sql
\set ECHO all
\set QUIET off

-- Data (posts 1-7), comments as status/votes/spam:
-- 1: OK/3/f, OK/10/f (replies: HIDDEN/1) | 2: HIDDEN/9/t | 3: [] | 4: null | 5: absent |
-- 6: OK/100/- (body null), OK/2/f (no body; replies: OK/5 "ünï", HIDDEN/- "x"), HIDDEN/7/t "naïve" |
-- 7: OK/10/f (replies []).
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'some',                         'where: {comments: {some: {status: {eq: HIDDEN}}}}'),
 (2,  'every (empty, null, absent lists too)', 'where: {comments: {every: {status: {eq: OK}}}}'),
 (3,  'none (empty, null, absent lists too)',  'where: {comments: {none: {spam: {eq: true}}}}'),
 (4,  'some {}: a non-empty list',    'where: {comments: {some: {}}}'),
 (5,  'none {}: no element',          'where: {comments: {none: {}}}'),
 (6,  'every {}: always',             'where: {comments: {every: {}}}'),
 (7,  'NOT some is none',             'where: {NOT: {comments: {some: {spam: {eq: true}}}}}'),
 (8,  'NOT every',                    'where: {NOT: {comments: {every: {status: {eq: OK}}}}}'),
 (9,  'some: typed numbers',          'where: {comments: {some: {votes: {gt: 9}}}}'),
 (10, 'every: a null field fails',    'where: {comments: {every: {body: {isnull: false}}}}'),
 (11, 'every: neq skips null fields', 'where: {comments: {every: {body: {neq: "zz"}}}}'),
 (12, 'every: nin [] and null fields','where: {comments: {every: {body: {nin: []}}}}'),
 (13, 'some: NOT in [] and a null',   'where: {comments: {some: {NOT: {body: {in: []}}}}}'),
 (14, 'some: isnull true',            'where: {comments: {some: {body: {isnull: true}}}}'),
 (15, 'one element meets both',       'where: {comments: {some: {status: {eq: OK}, votes: {gt: 50}}}}'),
 (16, 'two elements, one each',       'where: {comments: {some: {status: {eq: HIDDEN}}}, AND: {comments: {some: {votes: {gt: 50}}}}}'),
 (17, 'some and none together',       'where: {comments: {some: {status: {eq: OK}}, none: {status: {eq: HIDDEN}}}}'),
 (18, 'some inside some',             'where: {comments: {some: {replies: {some: {body: {eq: "ünï"}}}}}}'),
 (19, 'every inside some',            'where: {comments: {some: {replies: {every: {status: {eq: OK}}}}}}'),
 (20, 'none inside every',            'where: {comments: {every: {replies: {none: {status: {eq: HIDDEN}}}}}}'),
 (21, 'OR of elements',               'where: {comments: {some: {OR: [{votes: {lt: 3}}, {body: {startswith: "na"}}]}}}'),
 (22, 'with a field of the post',     'where: {title: {neq: "six"}, comments: {some: {votes: {gte: 10}}}}'),
 (23, 'quantifier null: ignored',     'where: {comments: {some: null, none: {spam: {eq: true}}}}'),
 (24, 'list filter null: ignored',    'where: {comments: null}'),
 (25, 'unicode',                      'where: {comments: {some: {body: {icontains: "ÏV"}}}}'),
 (26, 'some in an OR at the top',     'where: {OR: [{comments: {some: {votes: {eq: 9}}}}, {title: {eq: "five"}}]}')
) AS t(n, what, args) ORDER BY n;

-- Through variables: the whole where, a quantifier's object, and a leaf
-- (whose value also goes into the containment test).
SELECT pg_temp.ids('where: $w', '{"w": {"comments": {"some": {"votes": {"gt": 9}}, "none": {"spam": {"eq": true}}}}}',
                   '($w: PostWhereInput)') AS whole_where;
SELECT pg_temp.ids('where: {comments: {every: $e}}', '{"e": {"status": {"eq": "OK"}}}', '($e: CommentWhereInput)') AS quantifier_object;
SELECT pg_temp.ids('where: {comments: {some: {status: {eq: $s}, spam: {eq: $b}}}}', '{"s": "HIDDEN", "b": true}',
                   '($s: CommentStatus, $b: Boolean)') AS leaves;
SELECT pg_temp.ids('where: {comments: {some: {status: {eq: $s}}}}', '{"s": "OK"}', '($s: CommentStatus)') AS leaf_again;
SELECT pg_temp.ids('where: {comments: {some: {status: {eq: $s}}}}', '{}', '($s: CommentStatus)') AS leaf_unset;
-- Documents that differ only in a literal share a plan with the literal
-- rebound: the containment test's copy of the value is rebound too.
SELECT pg_temp.ids('where: {comments: {some: {body: {eq: "hi"}}}}') AS body_hi,
       pg_temp.ids('where: {comments: {some: {body: {eq: "ok"}}}}') AS body_ok,
       pg_temp.ids('where: {comments: {some: {votes: {eq: 9}}}}') AS votes_9,
       pg_temp.ids('where: {comments: {some: {votes: {eq: 7}}}}') AS votes_7,
       pg_temp.ids('where: {comments: {some: {spam: {eq: false}}}}') AS spam_false,
       pg_temp.ids('where: {comments: {some: {spam: {eq: true}}}}') AS spam_true;

-- The SQL: EXISTS over jsonb_array_elements, the element's fields typed as
-- anywhere else; nested quantifiers name their elements apart. v_post's data
-- is computed, so no index can serve a containment test: none is added.
SELECT fraiseql.explain('{ posts(where: {comments: {some: {status: {eq: HIDDEN}, votes: {eq: 7}}}}) { id } }')->'roots'->0->>'sql' AS some_sql;
SELECT fraiseql.explain('{ posts(where: {comments: {every: {votes: {gt: 1}}, none: {replies: {some: {spam: {eq: true}}}}}}) { id } }')->'roots'->0->>'sql' AS every_none_sql;

-- Bad input: validation errors, the session goes on.
SELECT pg_temp.ids('where: {comments: {some: {status: {eq: "OK"}}}}') AS string_for_enum;
SELECT pg_temp.ids('where: {comments: {some: 5}}') AS scalar_for_quantifier;
SELECT pg_temp.ids('where: {comments: {any: {}}}') AS unknown_quantifier;
SELECT pg_temp.ids('where: {comments: {some: {nope: {eq: 1}}}}') AS unknown_element_field;
SELECT pg_temp.ids('where: {title: {some: {}}}') AS quantifier_on_a_scalar;
SELECT pg_temp.ids('where: {comments: {eq: []}}') AS list_operator_on_objects;
SELECT pg_temp.ids('where: {comments: {every: $e}}', '{"e": {"votes": {"gt": "x"}}}', '($e: CommentWhereInput)') AS bad_variable;
-- nesting is bounded by fraiseql.max_depth (32): 13 levels pass, 14 do not
SELECT pg_temp.ids('where: {comments: {some: ' || repeat('{replies: {some: ', 13) || '{votes: {gt: 0}}' || repeat('}}', 13) || '}}') AS depth_13;
SELECT pg_temp.ids('where: {comments: {some: ' || repeat('{replies: {some: ', 14) || '{votes: {gt: 0}}' || repeat('}}', 14) || '}}') AS depth_14;
SELECT pg_temp.ids('where: {comments: {some: {votes: {gt: 9}}}}') AS still_working;

-- The generated types.
SELECT string_agg(t, E'\n\n' ORDER BY t) FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n\n') t
WHERE t ~ '^input (CommentListFilter|CommentWhereInput|PostWhereInput) ';
SELECT pg_temp.gql('{ __type(name: "CommentListFilter") { kind inputFields { name type { name kind } } } }');
-- schema_sdl() loads back as the same schema (the generated inputs it prints are the generated ones)
SELECT fraiseql.schema_sdl() AS sdl \gset
\o /dev/null
SELECT fraiseql.load_schema(:'sdl');
\o
SELECT fraiseql.schema_sdl() = :'sdl' AS same_sdl;
SELECT pg_temp.ids('where: {comments: {some: {replies: {some: {body: {eq: "ünï"}}}}}}') AS after_reload;

-- Index use: 100,000 posts, one in a thousand with a HIDDEN comment, a GIN
-- jsonb_path_ops index on the data column. The plan of the generated
-- statement (with its first parameters, as the plan cache's custom plans
-- see them) scans the index; the rows are those of a hand-written query.
INSERT INTO blog.tb_big
SELECT i, jsonb_build_object('id', i, 'title', 't' || i, 'comments',
         jsonb_build_array(jsonb_build_object('status', CASE WHEN i % 1000 = 0 THEN 'HIDDEN' ELSE 'OK' END, 'votes', i % 7),
                           jsonb_build_object('status', 'OK', 'votes', i % 11)))
FROM generate_series(1, 100000) i;
CREATE INDEX tb_big_data_gin ON blog.tb_big USING gin (data jsonb_path_ops);
ANALYZE blog.tb_big;
-- With the index (created after the schema was loaded: the backend notices),
-- a `some` with eq filters also gets a containment test on the data column,
-- built once per statement ($3, $4 hold the same values, made JSON).
SELECT fraiseql.explain('{ bigPosts(where: {comments: {some: {status: {eq: HIDDEN}, votes: {eq: 7}}}}) { id } }')->'roots'->0->>'sql' AS some_sql;
SELECT fraiseql.explain('{ bigPosts(where: {comments: {some: {status: {eq: HIDDEN}, votes: {eq: 7}}}}) { id } }')->'roots'->0->'params' AS some_params;
-- containment from nested objects, AND and a nested some; OR and NOT add none
SELECT fraiseql.explain('{ bigPosts(where: {comments: {some: {AND: [{spam: {eq: false}}], OR: [{body: {eq: "a"}}], NOT: {votes: {eq: 1}}, replies: {some: {body: {eq: "re"}}}}}}) { id } }')->'roots'->0->>'sql' AS containment_sql;
-- EXPLAIN of a generated statement, its literal parameters bound with their types.
CREATE FUNCTION pg_temp.plan_nodes(query text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
  r jsonb := fraiseql.explain(query)->'roots'->0;
  types text;
  args text;
  line text;
BEGIN
  SELECT string_agg(format_type((p->>'type_oid')::oid, NULL), ', ' ORDER BY n),
         string_agg(quote_literal(p->>'value') || '::' || format_type((p->>'type_oid')::oid, NULL), ', ' ORDER BY n)
  INTO types, args FROM jsonb_array_elements(r->'params') WITH ORDINALITY AS t(p, n);
  EXECUTE format('PREPARE big_plan(%s) AS %s', types, r->>'sql');
  FOR line IN EXECUTE format('EXPLAIN (COSTS OFF) EXECUTE big_plan(%s)', args) LOOP
    IF line ~ 'Scan' THEN
      RETURN NEXT regexp_replace(line, '^\s*(->\s*)?', '');
    END IF;
  END LOOP;
  DEALLOCATE big_plan;
END $f$;
SET jit = off;
SELECT * FROM pg_temp.plan_nodes('{ bigPosts(where: {comments: {some: {status: {eq: HIDDEN}}}}) { id } }');
SELECT (SELECT string_agg(e->>'id', ',')
        FROM jsonb_array_elements(convert_from(fraiseql.execute(
          '{ bigPosts(where: {comments: {some: {status: {eq: HIDDEN}, votes: {lt: 3}}}}, limit: 1000) { id } }'), 'UTF8')::jsonb
          ->'data'->'bigPosts') e) =
       (SELECT string_agg(id::text, ',' ORDER BY id) FROM blog.tb_big b
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(b.data->'comments') c
                      WHERE c->>'status' = 'HIDDEN' AND (c->>'votes')::int < 3)) AS same_rows,
       (SELECT count(*) FROM blog.tb_big b
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(b.data->'comments') c
                      WHERE c->>'status' = 'HIDDEN' AND (c->>'votes')::int < 3)) AS row_count;
-- without an eq there is no containment test: the index is not used
SELECT * FROM pg_temp.plan_nodes('{ bigPosts(where: {comments: {some: {votes: {gt: 5}}}}) { id } }');
-- dropping the index drops the test again (a partial index would not serve it either)
DROP INDEX blog.tb_big_data_gin;
CREATE INDEX tb_big_data_gin_partial ON blog.tb_big USING gin (data jsonb_path_ops) WHERE id > 0;
SELECT fraiseql.explain('{ bigPosts(where: {comments: {some: {status: {eq: HIDDEN}}}}) { id } }')->'roots'->0->>'sql' LIKE '%@>%' AS containment_without_index;
RESET jit;

-- A list inside a nested object: the quantifier reads it through the object,
-- the containment test rebuilds the path from the data column, and orderBy
-- counts it through the object too.
\o /dev/null
CREATE TABLE blog.tb_doc (id int PRIMARY KEY, data jsonb NOT NULL);
INSERT INTO blog.tb_doc VALUES (1, '{"id": 1, "meta": {"labels": [{"k": "a", "n": 1}, {"k": "b"}]}}'),
  (2, '{"id": 2, "meta": {"labels": [{"k": "c"}]}}'), (3, '{"id": 3, "meta": null}'), (4, '{"id": 4}');
CREATE VIEW blog.v_doc AS SELECT id, data FROM blog.tb_doc;
CREATE INDEX ON blog.tb_doc USING gin (data);
SELECT fraiseql.load_schema($$
type Label { k: String n: Int }
type Meta { labels: [Label!] }
type Doc @view(name: "blog.v_doc") { id: Int! meta: Meta }
type Query { docs: [Doc!]! }
$$);
\o
SELECT pg_temp.gql('{ docs(where: {meta: {labels: {some: {k: {eq: "b"}}}}}) { id } }') AS some_b;
SELECT pg_temp.gql('{ docs(where: {meta: {labels: {none: {k: {eq: "b"}}}}}, orderBy: [{meta: {labels: {count: DESC}}}]) { id } }') AS none_b_by_count;
SELECT fraiseql.explain('{ docs(where: {meta: {labels: {some: {k: {eq: "b"}}}}}) { id } }')->'roots'->0->>'sql' AS nested_path_sql;

ROLLBACK;
