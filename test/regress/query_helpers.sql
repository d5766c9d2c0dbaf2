-- query_helpers.sql: the functions where/orderBy tests call, \i'd by their
-- fixtures (inside the test's transaction). A fixture names its list root
-- field with SET LOCAL regress.ids_root before calling pg_temp.ids.

-- Responses print as text: never via jsonb, which would reorder keys.
CREATE FUNCTION pg_temp.gql(query text, variables jsonb DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables), 'UTF8') $$;
-- The ids a list query selects, in response order, or its error messages.
CREATE FUNCTION pg_temp.ids(args text, variables jsonb DEFAULT NULL, var_defs text DEFAULT '')
RETURNS text LANGUAGE sql AS $$
  WITH r AS (SELECT convert_from(fraiseql.execute('query ' || var_defs || ' { ' || current_setting('regress.ids_root') ||
                                                  '(' || args || ') { id } }', variables), 'UTF8')::jsonb AS j)
  SELECT CASE WHEN j ? 'errors'
              THEN 'ERROR: ' || (SELECT string_agg(e->>'message', '; ') FROM jsonb_array_elements(j->'errors') e)
              ELSE coalesce((SELECT string_agg(e->>'id', ',' ORDER BY n)
                             FROM jsonb_array_elements(j->'data'->current_setting('regress.ids_root'))
                                  WITH ORDINALITY AS t(e, n)), '(none)') END
  FROM r $$;
