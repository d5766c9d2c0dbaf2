-- filter_operators: the operator table as SQL sees it (one row per operator
-- and family), and that every typed scalar's filter is in the generated
-- inputs with exactly the operators the table gives its family.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off

SELECT family, count(*) AS operators, string_agg(name, ' ' ORDER BY name) AS names
FROM fraiseql.filter_operators() GROUP BY family ORDER BY family;
SELECT name, family, operand, sql, json_sql, indexable, index
FROM fraiseql.filter_operators() WHERE family IN ('Network', 'LTree', 'Range', 'FullText') ORDER BY family, name;
-- the generated filter of each family lists the table's operators, no more, no less
WITH t AS (
  SELECT f.family, f.type_name FROM (VALUES ('Network', 'IpAddressFilter'), ('Network', 'CIDRFilter'),
    ('LTree', 'LTreeFilter'), ('Range', 'IntRangeFilter'), ('Range', 'DateRangeFilter'),
    ('Range', 'DateTimeRangeFilter'), ('FullText', 'TSVectorFilter'), ('Text', 'StringFilter'),
    ('List', 'StringListFilter'), ('List', 'IntListFilter'), ('Json', 'JSONFilter'), ('Basic', 'MacAddressFilter')) AS f(family, type_name)
), generated AS (
  SELECT t.family, t.type_name, f->>'name' AS name
  FROM t, LATERAL (SELECT pg_temp.gql('{ __type(name: "' || t.type_name || '") { inputFields { name } } }')::jsonb AS r) q,
       jsonb_array_elements(q.r->'data'->'__type'->'inputFields') f
)
SELECT t.type_name,
       (SELECT string_agg(name, ' ' ORDER BY name) FROM generated g WHERE g.type_name = t.type_name) IS NOT DISTINCT FROM
       (SELECT string_agg(name, ' ' ORDER BY name) FROM fraiseql.filter_operators() o WHERE o.family = t.family) AS same
FROM t ORDER BY t.type_name;
-- the typed scalars are declared in schema_sdl() when used
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line WHERE line LIKE 'scalar %' ORDER BY line;
ROLLBACK;
