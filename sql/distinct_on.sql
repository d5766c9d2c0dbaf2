-- distinct_on: the distinctOn argument of list fields. One row per distinct
-- combination of the named fields (NULL is one group, as in PostgreSQL);
-- the ORDER BY starts with them, as DISTINCT ON requires (in orderBy's
-- direction when orderBy names them, else ascending); the remaining orderBy
-- keys pick the row kept in each group, then the id column.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_filters.sql
\set ECHO all
\set QUIET off

-- mood (a real enum column, its order HAPPY < SAD < ANGRY): 1 HAPPY | 2 SAD | 3 ANGRY | 4 NULL | 5 HAPPY | 6 SAD | 7 HAPPY
-- qty: 9 | 10 | 100 | -5 | 0 | NULL | 2
SELECT pg_temp.gql('{ items(distinctOn: [mood]) { id mood } }') AS first_per_mood;
SELECT pg_temp.gql('{ items(distinctOn: [mood], orderBy: [{qty: ASC}]) { id mood qty } }') AS lowest_qty_per_mood;
SELECT pg_temp.gql('{ items(distinctOn: [mood], orderBy: [{qty: DESC}]) { id mood qty } }') AS highest_qty_nulls_first;
SELECT pg_temp.gql('{ items(distinctOn: [mood], orderBy: [{qty: DESC_NULLS_LAST}, {mood: DESC}]) { id mood qty } }') AS mood_direction_from_order_by;
-- on the JSON path (text order there), two fields, a field named twice
SELECT pg_temp.gql('{ items(distinctOn: [moodJson]) { id moodJson } }') AS json_path;
SELECT pg_temp.gql('{ items(distinctOn: [active, status, active], orderBy: [{id: DESC}]) { id active status } }') AS two_fields;
-- limit and offset apply to the distinct rows
SELECT pg_temp.gql('{ items(distinctOn: [mood], limit: 2, offset: 1) { id mood } }') AS paged;
-- with where, and as a variable
SELECT pg_temp.gql('{ items(distinctOn: [mood], where: {qty: {gte: 2}}) { id mood } }') AS filtered;
SELECT pg_temp.gql('query ($d: [ItemDistinctOnField!]) { items(distinctOn: $d) { id } }', '{"d": ["status"]}') AS by_variable;
SELECT pg_temp.gql('query ($d: [ItemDistinctOnField!]) { items(distinctOn: $d) { id } }', '{"d": []}') AS empty_list_is_no_distinct;
-- the SQL
SELECT fraiseql.explain('{ items(distinctOn: [mood], orderBy: [{qty: DESC}]) { id } }')->'roots'->0->>'sql' AS sql;
-- not an orderable field: a validation error
SELECT pg_temp.gql('{ items(distinctOn: [tags]) { id } }') AS not_orderable;
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line WHERE line LIKE '%distinctOn%' OR line LIKE 'enum ItemDistinctOnField%';
ROLLBACK;
