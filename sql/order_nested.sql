-- order_nested: orderBy on keys of nested objects in the JSON and on the
-- count of a list of objects; typed values, NULLs, ties; Relay connections
-- paged by these keys forward and backward; bad input.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_lists.sql
\set ECHO all
\set QUIET off

-- Data (posts 1-7) as author name/age, comment count:
-- 1: ann/30, 2 | 2: bob/25, 1 | 3: ann/100, 0 | 4: author null, comments null |
-- 5: no author, no comments | 6: Émile/-, 3 | 7: bob/9, 1.
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'name ASC (nulls last)',        'orderBy: [{author: {name: ASC}}]'),
 (2,  'name DESC (nulls first)',      'orderBy: [{author: {name: DESC}}]'),
 (3,  'age ASC: numbers, not text',   'orderBy: [{author: {age: ASC}}]'),
 (4,  'age DESC_NULLS_LAST',          'orderBy: [{author: {age: DESC_NULLS_LAST}}]'),
 (5,  'name, then age',               'orderBy: [{author: {name: ASC}}, {author: {age: ASC}}]'),
 (6,  'one nested object, two keys',  'orderBy: [{author: {name: DESC_NULLS_LAST, age: DESC}}]'),
 (7,  'count ASC (null/absent: 0)',   'orderBy: [{comments: {count: ASC}}]'),
 (8,  'count DESC, then name',        'orderBy: [{comments: {count: DESC}}, {author: {name: ASC_NULLS_FIRST}}]'),
 (9,  'top-level key first',          'orderBy: [{title: ASC}, {author: {name: ASC}}]'),
 (10, 'nested key with where/limit',  'where: {author: {name: {isnull: false}}}, orderBy: [{author: {age: ASC_NULLS_FIRST}}], limit: 3'),
 (11, 'empty nested object: no key',  'orderBy: [{author: {}}, {comments: {}}]'),
 (12, 'null nested key: ignored',     'orderBy: [{author: {name: null}}, {comments: {count: null}}]')
) AS t(n, what, args) ORDER BY n;

-- through a variable
SELECT pg_temp.ids('orderBy: $o', '{"o": [{"comments": {"count": "DESC"}}, {"author": {"age": "DESC"}}]}',
                   '($o: [PostOrderByInput!])') AS variable;

-- The SQL: the nested key is the typed JSON path under the nested object; the
-- count reads a list (an array, else 0).
SELECT fraiseql.explain('{ posts(orderBy: [{author: {age: DESC}}, {comments: {count: ASC}}]) { id } }')->'roots'->0->>'sql' AS sql;

-- The generated types.
SELECT string_agg(t, E'\n\n' ORDER BY t) FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n\n') t
WHERE t ~ '^input (PostOrderByInput|AuthorOrderByInput|CommentListOrderByInput|CommentOrderByInput) ';

-- Bad input: validation errors.
SELECT pg_temp.ids('orderBy: [{author: ASC}]') AS direction_for_object;
SELECT pg_temp.ids('orderBy: [{author: {nope: ASC}}]') AS unknown_nested_key;
SELECT pg_temp.ids('orderBy: [{comments: ASC}]') AS direction_for_list;
SELECT pg_temp.ids('orderBy: [{comments: {count: UP}}]') AS bad_direction;
SELECT pg_temp.ids('orderBy: [{comments: {sum: ASC}}]') AS not_count;

-- Connections: 40 posts (33 more, authors with ties and NULLs, comment
-- lists of 0 to 3 elements, null or absent), paged 3 at a time forward
-- (first/after) and backward (last/before) under nested keys: the pages,
-- joined, are exactly the plain ordered SELECT, no row lost or repeated.
\o /dev/null
INSERT INTO blog.tb_post
SELECT i, jsonb_build_object('title', 'p' || i)
          || CASE i % 4 WHEN 0 THEN '{}'::jsonb WHEN 1 THEN '{"author": null}'
             ELSE jsonb_build_object('author', jsonb_strip_nulls(jsonb_build_object(
                    'name', (ARRAY['ann', 'bob', NULL, 'Émile'])[i % 4 + 1 - (i % 2)],
                    'age', CASE WHEN i % 3 = 0 THEN NULL ELSE 20 + i % 5 END))) END
          || CASE i % 5 WHEN 0 THEN '{}'::jsonb WHEN 1 THEN '{"comments": null}'
             ELSE jsonb_build_object('comments', (SELECT coalesce(jsonb_agg(jsonb_build_object('votes', k)), '[]')
                                                   FROM generate_series(1, i % 4) k)) END
FROM generate_series(8, 40) i;
-- Pages through postsConnection until pageInfo says there is no more; the
-- ids of every page, in order (backward pages reassembled front to back).
CREATE FUNCTION pg_temp.walked(args text, size int, backward boolean DEFAULT false) RETURNS text
LANGUAGE plpgsql AS $f$
DECLARE
  c text := NULL;
  r jsonb;
  conn jsonb;
  pages text[] := '{}';
  q text := format('query ($c: String) { postsConnection(%s: %s, %s: $c, %s) { edges { node { id } } '
                   'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }',
                   CASE WHEN backward THEN 'last' ELSE 'first' END, size,
                   CASE WHEN backward THEN 'before' ELSE 'after' END, args);
BEGIN
  FOR i IN 1..100 LOOP
    r := convert_from(fraiseql.execute(q, jsonb_build_object('c', c)), 'UTF8')::jsonb;
    IF r ? 'errors' THEN
      RETURN 'ERROR: ' || (r->'errors'->0->>'message');
    END IF;
    conn := r->'data'->'postsConnection';
    pages := pages || (SELECT string_agg(e->'node'->>'id', ',' ORDER BY n)
                       FROM jsonb_array_elements(conn->'edges') WITH ORDINALITY AS t(e, n));
    EXIT WHEN NOT (conn->'pageInfo'->>CASE WHEN backward THEN 'hasPreviousPage' ELSE 'hasNextPage' END)::boolean;
    c := conn->'pageInfo'->>CASE WHEN backward THEN 'startCursor' ELSE 'endCursor' END;
  END LOOP;
  IF backward THEN
    SELECT array_agg(p ORDER BY n DESC) INTO pages FROM unnest(pages) WITH ORDINALITY AS t(p, n);
  END IF;
  RETURN array_to_string(pages, ',');
END $f$;
\o
SELECT how, pg_temp.walked(args, 3) = expected AS forward_ok, pg_temp.walked(args, 3, true) = expected AS backward_ok
FROM (VALUES
  ('name ASC', 'orderBy: [{author: {name: ASC}}]',
   (SELECT string_agg(id::text, ',' ORDER BY data->'author'->>'name' ASC NULLS LAST, id) FROM blog.tb_post)),
  ('name DESC, age ASC_NULLS_FIRST', 'orderBy: [{author: {name: DESC}}, {author: {age: ASC_NULLS_FIRST}}]',
   (SELECT string_agg(id::text, ',' ORDER BY data->'author'->>'name' DESC NULLS FIRST,
                      (data->'author'->>'age')::int ASC NULLS FIRST, id) FROM blog.tb_post)),
  ('count DESC, age DESC_NULLS_LAST', 'orderBy: [{comments: {count: DESC}}, {author: {age: DESC_NULLS_LAST}}]',
   (SELECT string_agg(id::text, ',' ORDER BY CASE WHEN jsonb_typeof(data->'comments') = 'array'
                                                  THEN jsonb_array_length(data->'comments') ELSE 0 END DESC,
                      (data->'author'->>'age')::int DESC NULLS LAST, id) FROM blog.tb_post)),
  ('count ASC, title DESC', 'orderBy: [{comments: {count: ASC}}, {title: DESC}]',
   (SELECT string_agg(id::text, ',' ORDER BY CASE WHEN jsonb_typeof(data->'comments') = 'array'
                                                  THEN jsonb_array_length(data->'comments') ELSE 0 END ASC,
                      data->>'title' DESC, id) FROM blog.tb_post))
) AS t(how, args, expected);
-- one walk shown whole, ties and NULLs visible
SELECT pg_temp.walked('orderBy: [{author: {age: ASC}}]', 4) AS age_pages,
       (SELECT string_agg(id || ':' || coalesce(data->'author'->>'age', 'null'), ' '
                          ORDER BY (data->'author'->>'age')::int NULLS LAST, id) FROM blog.tb_post) AS plain_select;
-- a cursor carries the nested keys' values; one made under another orderBy is refused
SELECT pg_temp.walked('orderBy: [{author: {age: ASC}}]', 100) = pg_temp.walked('orderBy: [{author: {age: ASC}}]', 7) AS page_size_irrelevant;
SELECT pg_temp.gql(format('{ postsConnection(first: 1, after: %s, orderBy: [{author: {name: ASC}}]) { edges { node { id } } } }',
  (SELECT to_json(convert_from(fraiseql.execute('{ postsConnection(first: 1, orderBy: [{author: {age: ASC}}]) { pageInfo { endCursor } } }'),
                               'UTF8')::jsonb->'data'->'postsConnection'->'pageInfo'->>'endCursor')))) AS other_ordering;

ROLLBACK;
