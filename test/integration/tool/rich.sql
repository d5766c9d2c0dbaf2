-- rich.sql: the views and functions rich.graphql binds, so load_schema accepts
-- it (test_tool.py compares fraiseql-tool print-schema with schema_sdl()).
CREATE SCHEMA rich;
CREATE TABLE rich.tb_item (id text PRIMARY KEY, kind text NOT NULL, data jsonb NOT NULL);
CREATE VIEW rich.v_book AS SELECT id, data FROM rich.tb_item WHERE kind = 'book';
CREATE VIEW rich.v_film AS SELECT id, data FROM rich.tb_item WHERE kind = 'film';
CREATE VIEW rich.v_shelf AS SELECT id AS shelf_id, data AS doc FROM rich.tb_item WHERE kind = 'shelf';
CREATE FUNCTION rich.fn_search(term text, max_rows int DEFAULT 10) RETURNS SETOF rich.v_book
LANGUAGE sql STABLE AS $$ SELECT * FROM rich.v_book WHERE data->>'title' LIKE '%' || term || '%' LIMIT max_rows $$;
CREATE FUNCTION rich.fn_add_book(p_user text, input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE sql AS $$ SELECT NULL::fraiseql.mutation_response $$;
