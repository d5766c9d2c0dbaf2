-- fixtures_filters.sql: a domain for where/orderBy tests. Loaded inside each
-- test's transaction (\i), so every test rolls it back. Values are chosen to
-- catch text comparisons of numbers and dates (9 < 10 < 100), LIKE
-- metacharacters taken as patterns (% _ \), NULLs and absent keys, unicode.
\o /dev/null
CREATE SCHEMA shop;
CREATE TYPE shop.mood AS ENUM ('HAPPY', 'SAD', 'ANGRY');
CREATE TABLE shop.tb_item (
    id int PRIMARY KEY,
    name text,
    qty int,
    seen timestamptz,
    tags text[],
    mood shop.mood,
    price numeric,
    weight float8,
    born date,
    at time,
    active boolean,
    uid uuid,
    big bigint,
    labels jsonb,
    meta jsonb,
    status text,
    category jsonb
);
INSERT INTO shop.tb_item VALUES
 (1, 'alpha',        9,   '2024-01-02 10:00+00', '{red,blue}',   'HAPPY', 9.5,   1.5,  '2024-01-09', '09:00', true,
     'a0000000-0000-0000-0000-000000000001', 9007199254740993, '["x","y"]', '{"a": 1, "b": {"c": true}}', 'NEW',
     '{"name": "tools", "rank": 2}'),
 (2, '100% pure',    10,  '2024-01-10 10:00+00', '{blue}',       'SAD',   10,    10.25, '2024-01-10', '10:00', false,
     'a0000000-0000-0000-0000-000000000002', -3, '["y"]', '{"a": 2}', 'OLD', '{"name": "toys", "rank": 10}'),
 (3, 'snake_case',   100, '2023-12-31 23:59+00', '{}',           'ANGRY', 100,   -2,   '2023-12-31', '23:59:59', true,
     'a0000000-0000-0000-0000-000000000003', 0, '[]', '{"b": null}', 'NEW', '{"name": "tools", "rank": 9}'),
 (4, 'back\slash',   -5,  NULL,                  NULL,           NULL,    NULL,  NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL),
 (5, 'Ünïcödé "q"',  0,   '2024-06-01 00:00+02', '{green,red}',  'HAPPY', 0.001, 1e10, '2024-02-29', '00:00', false,
     'a0000000-0000-0000-0000-000000000005', 42, '["z","x"]', '{"a": "1"}', 'NEW', '{"name": "Ünï", "rank": 1}'),
 (6, NULL,           NULL,'2024-01-02 09:00+00', '{red}',        'SAD',   2.50,  3,    '2024-01-02', '12:30', true,
     'a0000000-0000-0000-0000-000000000006', 100, '["x"]', '{}', 'OLD', '{"name": null, "rank": 100}'),
 (7, 'it''s x_y',    2,   '2024-01-02 10:00+00', '{blue,red}',   'HAPPY', 20,    20,   '2024-01-20', '20:00', true,
     'a0000000-0000-0000-0000-000000000007', 2, '["y","x"]', '{"a": [1, 2]}', 'NEW', '{"name": "toys", "rank": 20}');

-- data: JSON null values are left out (an absent key), like jsonb_strip_nulls
-- views do; real columns id, name, qty, seen, tags and mood are also in the view.
CREATE VIEW shop.v_item AS
SELECT i.id, i.name, i.qty, i.seen, i.tags, i.mood,
       jsonb_strip_nulls(jsonb_build_object(
           'id', i.id, 'name', i.name, 'qty', i.qty, 'seen', i.seen, 'tags', to_jsonb(i.tags), 'mood', i.mood,
           'price', i.price, 'weight', i.weight, 'born', i.born, 'at', i.at, 'active', i.active, 'uid', i.uid,
           'big', i.big::text, 'labels', i.labels, 'meta', i.meta, 'status', i.status, 'category', i.category))
       AS data
FROM shop.tb_item i;

SELECT fraiseql.load_schema($$
enum Mood { HAPPY SAD ANGRY }
enum Status { NEW OLD }
type Category { name: String rank: Int }
type Item @view(name: "shop.v_item") {
  id: Int!
  name: String
  qty: Int
  seen: DateTime
  tags: [String!]
  mood: Mood
  price: Decimal
  weight: Float
  born: Date
  at: Time
  active: Boolean
  uid: UUID
  big: BigInt
  labels: [String!]
  meta: JSON
  status: Status
  category: Category
  "The same JSON values again, read through @field: no real column has these names, so the JSON path serves."
  label: String @field(key: "name")
  sku: ID @field(key: "name")
  qtyJson: Int @field(key: "qty")
  seenJson: DateTime @field(key: "seen")
  moodJson: Mood @field(key: "mood")
  tagsJson: [String!] @field(key: "tags")
}
type Query {
  items: [Item!]!
  item(id: Int!): Item
}
$$);

SET LOCAL regress.ids_root = items;
\i test/regress/query_helpers.sql
\o
