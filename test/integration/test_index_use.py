#!/usr/bin/python3
"""test_index_use.py: the typed filter operators are served by indexes.

Builds a 100,000-row table with an inet, an ltree, an int4range, a tstzrange and
a tsvector and a geography column, each with the index its operators use
(GiST inet_ops, GiST, GiST, GiST, GIN, GiST), and a view exposing them as real columns. For each
operator it asks fraiseql.explain() for the statement a GraphQL request runs,
prepares that statement with the parameter types fraiseql gives it, and
checks that PostgreSQL's plan for it, both the custom plan (first executions)
and the generic one (later ones), scans the expected index; the request
itself must also answer with the rows SQL written here selects.

Runs against the cluster of test/scripts/cluster.sh in a database of its own;
prints "index-use: N passed, M failed".
"""

import json
import sys

import psycopg
import psycopg.sql

from checks import Checks, dsn, fresh_database

DATABASE = "fraiseql_index_use"
ROWS = 100000

SETUP = """
CREATE EXTENSION fraiseql;
CREATE EXTENSION ltree;
CREATE EXTENSION postgis;
CREATE SCHEMA idx;
CREATE TABLE idx.tb_node (
    id int PRIMARY KEY,
    ip inet NOT NULL,
    path ltree NOT NULL,
    span int4range NOT NULL,
    period tstzrange NOT NULL,
    doc tsvector NOT NULL,
    loc geography(Point, 4326) NOT NULL
);
INSERT INTO idx.tb_node
SELECT g,
       ('10.' || (g / 65536) %% 256 || '.' || (g / 256) %% 256 || '.' || g %% 256)::inet,
       ('top.b' || g %% 97 || '.c' || g %% 1009 || '.n' || g)::ltree,
       int4range(g * 10, g * 10 + 5),
       tstzrange('2026-01-01'::timestamptz + g * interval '1 minute',
                 '2026-01-01'::timestamptz + (g + 30) * interval '1 minute'),
       to_tsvector('simple', 'word' || g %% 5000 || ' common text ' || CASE WHEN g %% 10000 = 7 THEN 'rareterm' ELSE '' END),
       ST_SetSRID(ST_MakePoint((g %% 3600) / 10.0 - 180, (g / 3600) / 10.0 - 85), 4326)::geography
FROM generate_series(1, %d) AS g;
CREATE INDEX ON idx.tb_node USING gist (ip inet_ops);
CREATE INDEX ON idx.tb_node USING gist (path);
CREATE INDEX ON idx.tb_node USING gist (span);
CREATE INDEX ON idx.tb_node USING gist (period);
CREATE INDEX ON idx.tb_node USING gin (doc);
CREATE INDEX ON idx.tb_node USING gist (loc);
ANALYZE idx.tb_node;
CREATE VIEW idx.v_node AS
SELECT id, ip, path, span, period, doc, loc, jsonb_build_object('id', id) AS data FROM idx.tb_node;
""" % ROWS

SDL = """
type Node @view(name: "idx.v_node") {
  id: Int!
  ip: IpAddress
  path: LTree
  span: IntRange
  period: DateTimeRange
  doc: TSVector
  loc: Geometry
}
type Query { nodes: [Node!]! }
"""

# (name, where argument, expected index, SQL selecting the same ids, plans to check)
BOTH = ("force_custom_plan", "force_generic_plan")
# A generic plan knows no value, so it prices `<<` at PostgreSQL's default
# selectivity and may prefer the id order: only the custom plan is asserted.
CUSTOM = ("force_custom_plan",)
CASES = [
    ("inet inSubnet (GiST inet_ops)", '{ip: {inSubnet: "10.0.3.0/24"}}', "tb_node_ip_idx",
     "ip <<= '10.0.3.0/24'", BOTH),
    ("inet containsSubnet (GiST inet_ops)", '{ip: {containsSubnet: "10.0.2.17/32"}}', "tb_node_ip_idx",
     "ip >>= '10.0.2.17/32'", BOTH),
    ("ltree descendantOf (GiST)", '{path: {descendantOf: "top.b5.c5"}}', "tb_node_path_idx",
     "path <@ 'top.b5.c5'", BOTH),
    ("ltree ancestorOf (GiST)", '{path: {ancestorOf: "top.b3.c3.n3"}}', "tb_node_path_idx",
     "path @> 'top.b3.c3.n3'", BOTH),
    ("ltree matchesLquery (GiST)", '{path: {matchesLquery: "top.b7.c7.*"}}', "tb_node_path_idx",
     "path ~ 'top.b7.c7.*'", BOTH),
    ("range containsValue (GiST)", '{span: {containsValue: 12343}}', "tb_node_span_idx",
     "span @> 12343", BOTH),
    ("range overlaps (GiST)", '{span: {overlaps: "[5000,5030)"}}', "tb_node_span_idx",
     "span && '[5000,5030)'", BOTH),
    ("range strictlyLeft (GiST)", '{span: {strictlyLeft: "[25,30)"}}', "tb_node_span_idx",
     "span << '[25,30)'", CUSTOM),
    ("tstzrange containsValue (GiST)", '{period: {containsValue: "2026-01-02T00:00:00Z"}}', "tb_node_period_idx",
     "period @> '2026-01-02T00:00:00Z'::timestamptz", BOTH),
    ("full text matches (GIN)", '{doc: {matches: "rareterm"}}', "tb_node_doc_idx",
     "doc @@ websearch_to_tsquery('simple', 'rareterm')", BOTH),
    ("full text plainMatches (GIN)", '{doc: {plainMatches: "word42 common"}}', "tb_node_doc_idx",
     "doc @@ plainto_tsquery('simple', 'word42 common')", BOTH),
    ("full text phraseMatches (GIN)", '{doc: {phraseMatches: "word43 common"}}', "tb_node_doc_idx",
     "doc @@ phraseto_tsquery('simple', 'word43 common')", BOTH),
    ("geography distanceWithin (GiST)",
     '{loc: {distanceWithin: {point: {type: "Point", coordinates: [140, -83.7]}, meters: 5000}}}', "tb_node_loc_idx",
     "ST_DWithin(loc, 'SRID=4326;POINT(140 -83.7)'::geography, 5000)", BOTH),
]


def index_names(plan):
    """Every "Index Name" in an EXPLAIN (FORMAT JSON) plan tree."""
    names = []
    stack = [plan]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "Index Name" in node:
                names.append(node["Index Name"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return names


def plan_indexes(conn, sql, params, mode):
    types = [conn.execute("SELECT format_type(%s, NULL)", (p["type_oid"],)).fetchone()[0] for p in params]
    values = [p.get("value") if p["source"] == "literal" else None for p in params]
    if conn.execute("SELECT 1 FROM pg_prepared_statements WHERE name = 'q'").fetchone():
        conn.execute("DEALLOCATE q")
    conn.execute("SET plan_cache_mode = " + mode)
    conn.execute("PREPARE q ({}) AS {}".format(", ".join(types), sql) if types else "PREPARE q AS " + sql)
    # EXPLAIN takes no bound parameters: the values are written as literals.
    literals = [psycopg.sql.Literal(v).as_string(conn) + "::text::" + t for v, t in zip(values, types)]
    args = "({})".format(", ".join(literals)) if literals else ""
    row = conn.execute("EXPLAIN (FORMAT JSON) EXECUTE q" + args).fetchone()
    return index_names(row[0])


def main():
    checks = Checks()
    fresh_database(DATABASE)
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute(SETUP)
        conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))
        conn.execute("SET fraiseql.text_search_config = 'simple'")
        for name, where, index, sql_where, modes in CASES:
            query = "{ nodes(where: %s) { id } }" % where
            explained = conn.execute("SELECT fraiseql.explain(%s)", (query,)).fetchone()[0]
            root = explained["roots"][0]
            for mode in modes:
                used = plan_indexes(conn, root["sql"], root["params"], mode)
                checks.check(index in used, "{}: {} plan scans {}".format(name, mode, index),
                             "indexes used: {}; sql: {}".format(used, root["sql"]))
            conn.execute("RESET plan_cache_mode")
            got = json.loads(bytes(conn.execute("SELECT fraiseql.execute(%s)", (query,)).fetchone()[0]))
            got_ids = [n["id"] for n in got.get("data", {}).get("nodes", [])] if "errors" not in got else got
            want = [r[0] for r in conn.execute("SELECT id FROM idx.tb_node WHERE " + sql_where + " ORDER BY id")]
            checks.check(got_ids == want and len(want) > 0, "{}: the same {} rows as SQL".format(name, len(want)),
                         "fraiseql: {}".format(str(got_ids)[:300]))
    return checks.summary("index-use")


if __name__ == "__main__":
    sys.exit(main())
