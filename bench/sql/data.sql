-- data.sql: the benchmark's data, FraiseQL style. Entities are stored with
-- their composed `data jsonb` (tv_* tables, as FraiseQL's table views keep
-- them) and exposed through v_* views; both fraiseql and the hand-written SQL
-- read the same views. Sizes: 10,000 users, 20,000 posts, 40,000 comments.
CREATE SCHEMA bench;

-- The benchmark's ids: n -> a fixed UUID, so pgbench can pick one at random.
CREATE FUNCTION bench.uid(n int) RETURNS uuid IMMUTABLE PARALLEL SAFE LANGUAGE sql
AS $$ SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid $$;
CREATE FUNCTION bench.pid(n int) RETURNS uuid IMMUTABLE PARALLEL SAFE LANGUAGE sql
AS $$ SELECT ('00000000-0000-4000-9000-' || lpad(n::text, 12, '0'))::uuid $$;

CREATE TABLE bench.tb_user (
    id uuid PRIMARY KEY, email text NOT NULL, first_name text NOT NULL, last_name text,
    login_count int NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE bench.tb_post (
    id uuid PRIMARY KEY, author_id uuid NOT NULL REFERENCES bench.tb_user, title text NOT NULL,
    body text NOT NULL, published boolean NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE bench.tb_comment (
    id uuid PRIMARY KEY, post_id uuid NOT NULL REFERENCES bench.tb_post, body text NOT NULL,
    created_at timestamptz NOT NULL);

INSERT INTO bench.tb_user
SELECT bench.uid(i), 'user' || i || '@example.com', 'First' || i,
       CASE WHEN i % 7 = 0 THEN NULL ELSE 'Last' || i END, i % 97,
       timestamptz '2026-01-01 00:00+00' + i * interval '17 minutes'
FROM generate_series(1, 10000) i;
INSERT INTO bench.tb_post
SELECT bench.pid(i), bench.uid((i - 1) / 2 + 1), 'Post title number ' || i,
       repeat('Body text of the post. ', 4), i % 3 <> 0,
       timestamptz '2026-01-01 00:00+00' + i * interval '9 minutes'
FROM generate_series(1, 20000) i;
INSERT INTO bench.tb_comment
SELECT ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, bench.pid((i - 1) / 2 + 1),
       'Comment ' || i || ': "quoted" and \ escaped', timestamptz '2026-01-01 00:00+00' + i * interval '5 minutes'
FROM generate_series(1, 40000) i;
CREATE INDEX ON bench.tb_post (author_id);
CREATE INDEX ON bench.tb_comment (post_id);

-- tv_*: one row per entity with its composed JSON, kept by the application
-- (FraiseQL refreshes them in its mutation functions).
CREATE TABLE bench.tv_user AS
SELECT u.id, u.created_at, u.login_count,
       jsonb_build_object(
           'id', u.id, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name,
           'login_count', u.login_count, 'created_at', u.created_at,
           'posts', COALESCE((
               SELECT jsonb_agg(jsonb_build_object(
                          'id', p.id, 'title', p.title, 'published', p.published,
                          'comments', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'body', c.body) ORDER BY c.created_at)
                                                FROM bench.tb_comment c WHERE c.post_id = p.id), '[]'::jsonb))
                      ORDER BY p.created_at)
               FROM bench.tb_post p WHERE p.author_id = u.id), '[]'::jsonb)) AS data
FROM bench.tb_user u;
ALTER TABLE bench.tv_user ADD PRIMARY KEY (id);
CREATE INDEX ON bench.tv_user (created_at);

CREATE TABLE bench.tv_post AS
SELECT p.id, p.author_id, p.created_at,
       jsonb_build_object(
           'id', p.id, 'title', p.title, 'body', p.body, 'published', p.published, 'created_at', p.created_at,
           'author', (SELECT jsonb_build_object('id', u.id, 'email', u.email, 'first_name', u.first_name)
                      FROM bench.tb_user u WHERE u.id = p.author_id)) AS data
FROM bench.tb_post p;
ALTER TABLE bench.tv_post ADD PRIMARY KEY (id);

CREATE VIEW bench.v_user AS SELECT id, created_at, login_count, data FROM bench.tv_user;
CREATE VIEW bench.v_post AS SELECT id, author_id, created_at, data FROM bench.tv_post;
-- Per-call overhead: a view with no rows.
CREATE VIEW bench.v_empty AS SELECT id, data FROM bench.tv_user WHERE false;

ANALYZE;

-- The mutation workload: sets a user's last name (idempotent for a given
-- input, so both sides of the comparison return the same entity). The input
-- arrives with snake_case keys, as fraiseql passes mutation inputs.
CREATE FUNCTION bench.fn_rename_user(input jsonb) RETURNS jsonb LANGUAGE sql AS $$
    WITH updated AS (
        UPDATE bench.tv_user
        SET data = jsonb_set(data, '{last_name}', to_jsonb(input->>'last_name'))
        WHERE id = (input->>'id')::uuid
        RETURNING data)
    SELECT CASE WHEN (SELECT count(*) FROM updated) = 0
                THEN jsonb_build_object('status', 'not_found:user', 'message', 'no such user')
                ELSE jsonb_build_object('status', 'updated', 'message', 'renamed',
                                        'entity', (SELECT data FROM updated)) END
$$;

-- The aggregate workload (issue 15): 100,000 sales in the JSON only, 20
-- regions (two of them unicode), qty NULL in one row of ten.
CREATE TABLE bench.tv_sale AS
SELECT i AS id,
       jsonb_build_object(
           'id', i,
           'region', (ARRAY['north', 'south', 'east', 'west', 'Zürich', '東京', 'r07', 'r08', 'r09', 'r10',
                            'r11', 'r12', 'r13', 'r14', 'r15', 'r16', 'r17', 'r18', 'r19', 'r20'])[(i * 7) % 20 + 1],
           'qty', CASE WHEN i % 10 = 0 THEN NULL ELSE i % 97 END,
           'amount', round((i % 1000) * 1.37, 2)) AS data
FROM generate_series(1, 100000) i;
ALTER TABLE bench.tv_sale ADD PRIMARY KEY (id);
CREATE VIEW bench.v_sale AS SELECT id, data FROM bench.tv_sale;
ANALYZE bench.tv_sale;
