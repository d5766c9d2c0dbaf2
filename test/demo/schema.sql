-- schema.sql: the demo's data, FraiseQL style: tables tb_*, and views v_* with
-- a `data jsonb` column holding each entity with snake_case keys and its
-- nested objects already composed.
CREATE SCHEMA demo;

CREATE TABLE demo.tb_user (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE,
    first_name text NOT NULL,
    last_name text,
    created_at timestamptz NOT NULL
);
CREATE TABLE demo.tb_post (
    id uuid PRIMARY KEY,
    author_id uuid NOT NULL REFERENCES demo.tb_user,
    title text NOT NULL,
    body text NOT NULL,
    published boolean NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE demo.tb_comment (
    id uuid PRIMARY KEY,
    post_id uuid NOT NULL REFERENCES demo.tb_post,
    author_id uuid NOT NULL REFERENCES demo.tb_user,
    body text NOT NULL,
    created_at timestamptz NOT NULL
);

INSERT INTO demo.tb_user VALUES
    ('00000000-0000-4000-8000-000000000001', 'ada@example.com', 'Ada', 'Lovelace', '2026-01-05 10:00+00'),
    ('00000000-0000-4000-8000-000000000002', 'alan@example.com', 'Alan', 'Turing', '2026-01-06 11:30+00'),
    ('00000000-0000-4000-8000-000000000003', 'grace@example.com', 'Grace', 'Hopper', '2026-02-01 09:15+00'),
    ('00000000-0000-4000-8000-000000000004', 'edsger@example.com', 'Edsger', NULL, '2026-03-12 16:45+00');
INSERT INTO demo.tb_post VALUES
    ('00000000-0000-4000-9000-000000000001', '00000000-0000-4000-8000-000000000001', 'Notes on the Analytical Engine', 'It weaves algebraic patterns.', true, '2026-01-10 08:00+00'),
    ('00000000-0000-4000-9000-000000000002', '00000000-0000-4000-8000-000000000002', 'Computable numbers', 'On the Entscheidungsproblem.', true, '2026-01-20 12:00+00'),
    ('00000000-0000-4000-9000-000000000003', '00000000-0000-4000-8000-000000000003', 'A compiler, "A-0"', 'Draft: subroutines \ libraries.', false, '2026-02-03 14:00+00');
INSERT INTO demo.tb_comment VALUES
    ('00000000-0000-4000-a000-000000000001', '00000000-0000-4000-9000-000000000001', '00000000-0000-4000-8000-000000000002', 'Could it think?', '2026-01-11 09:00+00'),
    ('00000000-0000-4000-a000-000000000002', '00000000-0000-4000-9000-000000000001', '00000000-0000-4000-8000-000000000003', 'It needs a compiler.', '2026-01-12 10:00+00');

CREATE VIEW demo.v_user AS
SELECT u.id, u.created_at,
       jsonb_strip_nulls(jsonb_build_object(
           'id', u.id, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name,
           'created_at', u.created_at,
           'posts', COALESCE((
               SELECT jsonb_agg(jsonb_build_object(
                          'id', p.id, 'title', p.title, 'published', p.published,
                          'comments', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'body', c.body) ORDER BY c.created_at)
                                                FROM demo.tb_comment c WHERE c.post_id = p.id), '[]'::jsonb))
                      ORDER BY p.created_at)
               FROM demo.tb_post p WHERE p.author_id = u.id), '[]'::jsonb))) AS data
FROM demo.tb_user u;

CREATE VIEW demo.v_post AS
SELECT p.id, p.author_id, p.created_at,
       jsonb_build_object(
           'id', p.id, 'title', p.title, 'body', p.body, 'published', p.published, 'created_at', p.created_at,
           'author', (SELECT jsonb_build_object('id', u.id, 'email', u.email, 'first_name', u.first_name)
                      FROM demo.tb_user u WHERE u.id = p.author_id)) AS data
FROM demo.tb_post p;

-- A mutation function, FraiseQL style: the input as jsonb (its fields under
-- snake_case keys), the result as the keys of fraiseql.mutation_response. It returns
-- jsonb, so this file does not depend on the extension being installed first.
-- The author is the request's user (execute's context: app.user_id).
CREATE FUNCTION demo.fn_create_post(input jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    author uuid := nullif(current_setting('app.user_id', true), '')::uuid;
    new_id uuid := gen_random_uuid();
BEGIN
    IF author IS NULL OR NOT EXISTS (SELECT 1 FROM demo.tb_user WHERE id = author) THEN
        RETURN jsonb_build_object('status', 'unauthorized:no_user', 'message', 'sign in to post');
    END IF;
    IF length(input->>'title') < 3 THEN
        RETURN jsonb_build_object('status', 'validation:title', 'message', 'a title needs at least 3 characters');
    END IF;
    INSERT INTO demo.tb_post VALUES (new_id, author, input->>'title', coalesce(input->>'body', ''), false, now());
    RETURN jsonb_build_object('status', 'created', 'message', 'post created', 'entity_id', new_id,
                              'entity', (SELECT data FROM demo.v_post WHERE id = new_id));
END $$;
