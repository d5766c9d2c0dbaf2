-- fixtures_lists.sql: posts whose JSON holds lists of objects (comments with
-- nested replies) and nested objects (author), for some/every/none and
-- nested orderBy. Loaded inside each test's transaction (\i), so every test
-- rolls it back. Ages 9 < 25 < 30 < 100 catch text order. The lists cover: several elements, one, empty, JSON null,
-- absent, elements with a null or absent field, unicode, ties.
\o /dev/null
CREATE SCHEMA blog;
CREATE TABLE blog.tb_post (id int PRIMARY KEY, data jsonb NOT NULL);
INSERT INTO blog.tb_post VALUES
 (1, '{"title": "one", "author": {"name": "ann", "age": 30},
       "comments": [{"body": "hi", "votes": 3, "status": "OK", "spam": false},
                    {"body": "bye", "votes": 10, "status": "OK", "spam": false,
                     "replies": [{"body": "re", "votes": 1, "status": "HIDDEN"}]}]}'),
 (2, '{"title": "two", "author": {"name": "bob", "age": 25},
       "comments": [{"body": "spam!", "votes": 9, "status": "HIDDEN", "spam": true}]}'),
 (3, '{"title": "three", "author": {"name": "ann", "age": 100}, "comments": []}'),
 (4, '{"title": "four", "author": null, "comments": null}'),
 (5, '{"title": "five"}'),
 (6, '{"title": "six", "author": {"name": "Émile"},
       "comments": [{"body": null, "votes": 100, "status": "OK"},
                    {"votes": 2, "status": "OK", "spam": false,
                     "replies": [{"body": "ünï", "votes": 5, "status": "OK"}, {"body": "x", "status": "HIDDEN"}]},
                    {"body": "naïve", "votes": 7, "status": "HIDDEN", "spam": true}]}'),
 (7, '{"title": "seven", "author": {"name": "bob", "age": 9},
       "comments": [{"body": "ok", "votes": 10, "status": "OK", "spam": false, "replies": []}]}');
CREATE VIEW blog.v_post AS SELECT id, jsonb_build_object('id', id) || data AS data FROM blog.tb_post;
-- Filled by the test that needs many rows (filter_quantifiers' index test).
CREATE TABLE blog.tb_big (id int PRIMARY KEY, data jsonb NOT NULL);
CREATE VIEW blog.v_big AS SELECT id, data FROM blog.tb_big;

SELECT fraiseql.load_schema($$
enum CommentStatus { OK HIDDEN }
type Author { name: String age: Int }
type Comment { body: String votes: Int status: CommentStatus spam: Boolean replies: [Comment!] }
type Post @view(name: "blog.v_post") {
  id: Int!
  title: String
  author: Author
  comments: [Comment!]
}
type BigPost @view(name: "blog.v_big") { id: Int! title: String comments: [Comment!] }
type Query {
  posts: [Post!]!
  bigPosts: [BigPost!]!
  postsConnection: PostConnection! @connection(type: "Post")
}
$$);

SET LOCAL regress.ids_root = posts;
\i test/regress/query_helpers.sql
\o
