-- fixtures.sql: a small FraiseQL-style domain shared by the regression tests.
-- Loaded inside each test's transaction (\ir), so every test rolls it back.
\o /dev/null
CREATE SCHEMA app;
CREATE TABLE app.tb_company (id uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.tb_user (
    id uuid PRIMARY KEY,
    company_id uuid REFERENCES app.tb_company,
    email text NOT NULL,
    first_name text,
    last_name text,
    login_count int NOT NULL DEFAULT 0
);
CREATE TABLE app.tb_post (
    id uuid PRIMARY KEY,
    author_id uuid NOT NULL REFERENCES app.tb_user,
    title text NOT NULL,
    published boolean NOT NULL
);
INSERT INTO app.tb_company VALUES ('c0000000-0000-0000-0000-000000000001', 'Acme "Quotes" \ Backslash');
INSERT INTO app.tb_user VALUES
    ('a0000000-0000-0000-0000-000000000001', 'c0000000-0000-0000-0000-000000000001', 'ann@example.com', 'Ann', 'Lee', 3),
    ('a0000000-0000-0000-0000-000000000002', NULL, 'bob@example.com', 'Bob', NULL, 0),
    ('a0000000-0000-0000-0000-000000000003', 'c0000000-0000-0000-0000-000000000001', 'cé@example.com', 'Cé', 'Ünï', 41);
INSERT INTO app.tb_post VALUES
    ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'Hello', true),
    ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', 'Draft', false),
    ('b0000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000003', 'Tab	and
newline', true);

-- data: snake_case keys, nested objects and lists composed; a NULL last_name
-- leaves the key out (jsonb_strip_nulls), company is absent for Bob.
CREATE VIEW app.v_user AS
SELECT u.id, u.company_id,
       jsonb_strip_nulls(jsonb_build_object(
           'id', u.id, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name,
           'login_count', u.login_count,
           'company', (SELECT jsonb_build_object('id', c.id, 'name', c.name) FROM app.tb_company c WHERE c.id = u.company_id),
           'posts', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'title', p.title, 'published', p.published) ORDER BY p.id)
                              FROM app.tb_post p WHERE p.author_id = u.id), '[]'::jsonb))) AS data
FROM app.tb_user u;

CREATE VIEW app.v_post AS
SELECT p.id, p.author_id,
       jsonb_build_object('id', p.id, 'title', p.title, 'published', p.published,
                          'author', (SELECT jsonb_build_object('id', u.id, 'email', u.email) FROM app.tb_user u WHERE u.id = p.author_id)) AS data
FROM app.tb_post p;

SELECT fraiseql.load_schema($$
scalar UUID

type Company { id: UUID! name: String! }
type PostSummary { id: UUID! title: String! published: Boolean! }
type Author { id: UUID! email: String! }

type User @view(name: "app.v_user") {
  id: UUID!
  email: String!
  firstName: String
  lastName: String
  loginCount: Int!
  company: Company
  posts: [PostSummary!]!
  mail: String @field(key: "email")
}

type Post @view(name: "app.v_post") {
  id: UUID!
  title: String!
  published: Boolean!
  author: Author
}

type Query {
  users: [User!]!
  user(id: UUID!): User
  posts: [Post!]!
  post(id: UUID!): Post
  postsByAuthor(authorId: UUID!): [Post!]!
  "Takes the id as a String, so the uuid column is what rejects a bad one."
  userByText(id: String!): User
}
$$);

-- Responses print as text: never via jsonb, which would reorder keys.
CREATE FUNCTION pg_temp.gql(query text, variables jsonb DEFAULT NULL, operation_name text DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables, operation_name), 'UTF8') $$;
\o
