-- fixtures_typed.sql: a domain for the PostgreSQL-typed scalars (network,
-- ltree, ranges, full text) and the list and JSON operators. Loaded inside
-- each test's transaction (\i), so every test rolls it back. Every typed
-- value is both a real view column (native operators, indexes serve) and a
-- JSON key read through @field (the typed JSON path); NULLs, empty lists,
-- ties and unicode are in the data.
\o /dev/null
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE SCHEMA net;
CREATE TABLE net.tb_host (
    id int PRIMARY KEY,
    ip inet,
    net cidr,
    mac macaddr,
    path ltree,
    span int4range,
    days daterange,
    period tstzrange,
    body text,
    doc tsvector,
    tags text[],
    nums int[],
    meta jsonb
);
INSERT INTO net.tb_host VALUES
 (1, '10.1.2.3', '10.1.0.0/16', '08:00:2b:01:02:03', 'top.science.physics', '[1,5)', '[2026-01-01,2026-02-01)',
     '[2026-01-01 00:00+00,2026-01-02 00:00+00)', 'The quick brown fox jumps over the lazy dog', NULL,
     '{red,blue}', '{1,2,3}', '{"a": 1, "tags": ["x", "y"], "n": 5}'),
 (2, '192.168.10.20/24', '192.168.0.0/16', '08:00:2b:01:02:04', 'top.science', '[5,10)', '[2026-02-01,2026-03-01)',
     '[2026-01-02 00:00+00,2026-01-03 00:00+00)', 'Quick thinking saves the day', NULL,
     '{}', '{}', '{"a": 2, "n": 50}'),
 (3, '8.8.8.8', '8.8.8.0/24', '08:00:2b:01:02:05', 'top.arts.music', 'empty', '[2025-12-01,2026-01-01)',
     '[2026-01-01 12:00+00,)', 'Brown dogs and brown foxes', NULL,
     '{green}', '{7}', '{"tags": []}'),
 (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (5, '2001:db8::1', '2001:db8::/32', '08:00:2b:01:02:06', 'top.science.chemistry', '[3,4)', '[2026-01-15,2026-01-16)',
     '(,2026-01-01 00:00+00)', 'Über schnelle Füchse — ünïcödé text', NULL,
     '{Ünï,red}', '{3,3}', '{"a": 1.0, "n": 5}'),
 (6, 'fd00::5', 'fd00::/8', '08:00:2b:01:02:07', 'top', '[10,20)', 'empty',
     'empty', 'lazy afternoon, the fox sleeps', NULL,
     '{red}', '{1}', '{"a": null}'),
 (7, '127.0.0.1', '127.0.0.0/8', '08:00:2b:01:02:03', 'top.science.physics', '[1,5)', '[2026-01-01,2026-02-01)',
     '[2026-01-01 00:00+00,2026-01-02 00:00+00)', 'the quick fox', NULL,
     '{blue,red}', '{2,1}', '{"a": [1, 2]}');
UPDATE net.tb_host SET doc = to_tsvector('english', body);

CREATE VIEW net.v_host AS
SELECT h.id, h.ip, h.net, h.mac, h.path, h.span, h.days, h.period, h.body, h.doc, h.tags, h.nums, h.meta,
       jsonb_strip_nulls(jsonb_build_object(
           'id', h.id, 'ip', h.ip, 'net', h.net, 'mac', h.mac, 'path', h.path, 'span', h.span, 'days', h.days,
           'period', h.period, 'body', h.body, 'doc', h.doc, 'tags', to_jsonb(h.tags), 'nums', to_jsonb(h.nums),
           'meta', h.meta)) AS data
FROM net.tb_host h;

SELECT fraiseql.load_schema($$
type Host @view(name: "net.v_host") {
  id: Int!
  ip: IpAddress
  net: CIDR
  mac: MacAddress
  path: LTree
  span: IntRange
  days: DateRange
  period: DateTimeRange
  body: String
  doc: TSVector
  tags: [String!]
  nums: [Int!]
  meta: JSON
  "The same values through the typed JSON path (no column has these names)."
  ipJson: IpAddress @field(key: "ip")
  netJson: CIDR @field(key: "net")
  macJson: MacAddress @field(key: "mac")
  pathJson: LTree @field(key: "path")
  spanJson: IntRange @field(key: "span")
  daysJson: DateRange @field(key: "days")
  periodJson: DateTimeRange @field(key: "period")
  bodyJson: String @field(key: "body")
  docJson: TSVector @field(key: "doc")
  tagsJson: [String!] @field(key: "tags")
  numsJson: [Int!] @field(key: "nums")
  metaJson: JSON @field(key: "meta")
}
type Query {
  hosts: [Host!]!
}
$$);

CREATE FUNCTION pg_temp.gql(query text, variables jsonb DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT convert_from(fraiseql.execute(query, variables), 'UTF8') $$;
-- The ids a hosts query selects, in id order, or its error messages (with the path when there is one).
CREATE FUNCTION pg_temp.ids(args text, variables jsonb DEFAULT NULL, var_defs text DEFAULT '')
RETURNS text LANGUAGE sql AS $$
  WITH r AS (SELECT convert_from(fraiseql.execute('query ' || var_defs || ' { hosts(' || args || ', orderBy: [{id: ASC}]) { id } }',
                                                  variables), 'UTF8')::jsonb AS j)
  SELECT CASE WHEN j ? 'errors'
              THEN 'ERROR: ' || (SELECT string_agg(coalesce(e->'extensions'->>'code', '') || ' ' || (e->>'message'), '; ')
                                 FROM jsonb_array_elements(j->'errors') e)
              ELSE coalesce((SELECT string_agg(e->>'id', ',' ORDER BY n)
                             FROM jsonb_array_elements(j->'data'->'hosts') WITH ORDINALITY AS t(e, n)), '(none)') END
  FROM r $$;
\o
