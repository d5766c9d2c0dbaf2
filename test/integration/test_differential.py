#!/usr/bin/python3
"""test_differential.py: fraiseql.execute against independently written SQL.

A generated data set (3,000 rows with NULLs, unicode, quotes, % and _, numbers
kept as text so that text order differs from numeric order, absent JSON keys,
nested objects and lists, lists of objects from differential_lists.py) and a
few hundred generated GraphQL queries: random
selections with aliases, filters (every operator family, AND/OR/NOT nesting,
some/every/none over lists of objects, nested too, literals and variables),
multi-key orderings with all six directions (nested keys and list counts too), limit and
offset. Filters include empty lists for in/nin and the list operators, the
negative operators (neq, nin, notMatches, NOT) over rows whose value is null
or absent, and variables inside list values ([$v1, "x"]) and as where
objects inside AND/OR lists. The typed operators of issue 15 are drawn too:
IpAddress (a real inet column and the JSON path), LTree (JSON path), IntRange
(an int4range column and the JSON path), TSVector and String full text, and
the lengths, anyEq and anyMatches of a list, over values with NULLs, empty
lists and ranges, ties (small pools) and unicode. For each query the same question is answered by SQL written here from
the query's description, over the base table's columns (never the view's JSON
or fraiseql's compiler), and the expected response is assembled in Python. The
two are compared as JSON, key order included.

Runs against the cluster of test/scripts/cluster.sh in a database of its own.
Prints "not ok" lines for mismatches (with the query and both answers) and ends
with "differential: N passed, M failed"; exits non-zero on any failure.
Usage: test_differential.py [--queries N] [--seed S]
"""

import argparse
import contextlib
import datetime
import decimal
import json
import random
import re
import sys

import psycopg

import differential_lists as lists

DATABASE = "fraiseql_differential"
ROWS = 3000

SCHEMA_SQL = """
CREATE EXTENSION ltree;
CREATE SCHEMA diff;
""" + lists.SCHEMA_SQL + """
CREATE TABLE diff.tb_item (
    id int PRIMARY KEY,
    name text, code text, score int, price numeric, ratio float8, active boolean,
    created_at timestamptz, day date, tags text[], nick text,
    author_name text, author_age int,
    ip inet, path ltree, span int4range, body text
);
-- name, score and created_at are real columns of the view (filters and
-- ordering use them), and so are ip, span and doc (a tsvector of body, for
-- the typed operators); every other field is read from the JSON.
CREATE VIEW diff.v_item AS
SELECT id, name, score, created_at,
       jsonb_build_object(
           'id', id, 'name', name, 'code', code, 'score', score, 'price', price, 'ratio', ratio,
           'active', active, 'created_at', created_at, 'day', day, 'tags', to_jsonb(tags),
           'author', CASE WHEN author_name IS NULL AND author_age IS NULL THEN NULL
                          ELSE jsonb_build_object('name', author_name, 'age', author_age) END)
       || CASE WHEN nick IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('nick', nick) END
       || """ + lists.VIEW_DATA_SQL + """
       -- the typed values: also in the JSON (to_jsonb writes PostgreSQL's text), absent when null
       || jsonb_strip_nulls(jsonb_build_object('ip', ip, 'path', path, 'span', span, 'body', body)) AS data,
       ip, span, to_tsvector('simple', body) AS doc
FROM diff.tb_item;
"""

SDL = """
scalar DateTime
scalar Date
type Author { name: String age: Int }
type Item @view(name: "diff.v_item") {
  id: Int!
  name: String
  code: String
  score: Int
  price: Float
  ratio: Float
  active: Boolean
  createdAt: DateTime
  day: Date
  tags: [String!]
  nick: String
  author: Author
  """ + lists.ITEM_FIELD + """
  ip: IpAddress
  host: IpAddress @field(key: "ip")
  path: LTree
  span: IntRange
  spanText: IntRange @field(key: "span")
  body: String
  doc: TSVector
}
type Query { items: [Item!]! }
""" + lists.SDL

# GraphQL field -> (kind, base column). Kinds decide operators and SQL.
FIELDS = {
    "id": ("int", "id"),
    "name": ("string", "name"),
    "code": ("string", "code"),
    "score": ("int", "score"),
    "price": ("numeric", "price"),
    "ratio": ("numeric", "ratio"),
    "active": ("bool", "active"),
    "createdAt": ("datetime", "created_at"),
    "day": ("date", "day"),
    "tags": ("list", "tags"),
    "nick": ("string", "nick"),
}
AUTHOR_FIELDS = {"name": ("string", "author_name"), "age": ("int", "author_age")}
DIRECTIONS = {
    "ASC": "ASC NULLS LAST",
    "DESC": "DESC NULLS FIRST",
    "ASC_NULLS_FIRST": "ASC NULLS FIRST",
    "ASC_NULLS_LAST": "ASC NULLS LAST",
    "DESC_NULLS_FIRST": "DESC NULLS FIRST",
    "DESC_NULLS_LAST": "DESC NULLS LAST",
}
WORDS = ["alpha", "Beta", "gamma", "DELTA", "épée", "Ünïcode", "naïve", "日本", "100%", "50_50", "a_b", "x%y",
         "back\\slash", 'quote"d', "it's", "tab\there", "Zed", "zed", "10", "9", "100", "", " "]
TAGS = ["red", "green", "blue", "x%", "y_", "日本"]


# The typed scalars' values (ties on purpose: the pools are small), set on
# the rows after the insert; None is SQL NULL.
IPS = ["10.0.0.1", "10.1.2.3", "192.168.1.10", "192.168.1.0/24", "172.16.5.4", "172.32.0.1", "8.8.8.8",
       "127.0.0.1", "2001:db8::1", "fd00::1", "fe80::1", "::1"]
NETS = ["10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "172.16.0.0/12", "2001:db8::/32", "fd00::/8", "0.0.0.0/0",
        "10.1.2.3", "::/0"]
PATHS = ["top", "top.a", "top.a.b", "top.a.b.c", "top.b", "top.b.a", "x.a", "x.a.b", "top.a_1", ""]
LQUERIES = ["top.*", "*.a", "*.a.*", "top.*{1}", "x|top.a.*", "!x.*", "*{2}", "top.a_1|b"]
BODY_WORDS = ["quick", "brown", "fox", "foxes", "lazy", "dog", "日本", "épée", "naïve", "Zed", "zed", "100%"]
SEARCHES = ["fox", "quick fox", "\"quick fox\"", "fox -dog", "dog or lazy", "日本", "épée", "zed", "or", "-", "x y z"]


def make_typed_values(rng):
    """(ip, path, span, body) per row, in id order."""
    out = []
    for _ in range(ROWS):
        def maybe(value, p=0.15):
            return None if rng.random() < p else value
        lo = rng.randint(-5, 20)
        span = maybe(f"[{lo},{lo + rng.randint(0, 6)})")  # [n,n) is empty
        body = maybe(" ".join(rng.choice(BODY_WORDS) for _ in range(rng.randint(0, 5))))
        out.append((maybe(rng.choice(IPS)), maybe(rng.choice(PATHS)), span, body))
    return out


def make_rows(rng):
    rows = []
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    for i in range(1, ROWS + 1):
        def maybe(value, p=0.15):
            return None if rng.random() < p else value
        name = maybe(" ".join(rng.sample(WORDS, rng.randint(1, 3))))
        code = maybe(str(rng.choice([1, 2, 9, 10, 11, 20, 100, 101, 999, 1000])))
        score = maybe(rng.randint(-50, 150))
        price = maybe(decimal.Decimal(rng.randint(0, 40000)) / 100)
        ratio = maybe(rng.randint(-8, 8) / 4)  # exact in binary, so float and numeric agree
        active = maybe(rng.random() < 0.5)
        created = maybe(base + datetime.timedelta(minutes=rng.randint(0, 500000)))
        day = maybe(datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 800)))
        tags = maybe(rng.sample(TAGS, rng.randint(0, 3)), 0.2)
        nick = maybe(rng.choice(WORDS), 0.6)
        author_name = maybe(rng.choice(WORDS), 0.3)
        author_age = maybe(rng.randint(18, 90), 0.3)
        rows.append((i, name, code, score, price, ratio, active, created, day, tags, nick, author_name, author_age))
    return rows


class Query:
    """One generated question, as GraphQL and as independent SQL."""

    def __init__(self, rng, data):
        self.rng = rng
        self.data = data
        self.variables = {}
        self.var_defs = []
        self.sql_params = []
        self.no_variables = False  # while making a where object that becomes a variable's value
        self.comments = []  # differential_lists' comment rows, sampled for their filters
        self.aliases = 0  # names the independent SQL's subqueries apart

    # ---- values -------------------------------------------------------------
    def sample_value(self, kind, column):
        """A value of the column (so filters select something), or a made-up one."""
        v = self.pick_value(kind, column)
        return decimal.Decimal(str(v)) if kind == "numeric" else v

    def pick_value(self, kind, column):
        if self.rng.random() < 0.8:
            values = [r[column] for r in self.data if r[column] is not None]
            if values:
                v = self.rng.choice(values)
                if kind == "list":
                    return self.rng.choice(v) if v else self.rng.choice(TAGS)
                return v
        return {
            "int": lambda: self.rng.randint(-60, 160),
            "numeric": lambda: decimal.Decimal(self.rng.randint(0, 400)) / 4,
            "string": lambda: self.rng.choice(WORDS),
            "bool": lambda: self.rng.random() < 0.5,
            "datetime": lambda: datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.timezone.utc),
            "date": lambda: datetime.date(2025, 9, 1),
            "list": lambda: self.rng.choice(TAGS),
        }[kind]()

    def graphql_value(self, kind, value, gql_type):
        """A literal, or a new variable holding the value; a list literal may
        hold a variable per item ([1, $v3])."""
        json_value = to_json_value(value)
        if self.no_variables:
            return graphql_literal(json_value)
        if isinstance(json_value, list) and json_value and self.rng.random() < 0.3:
            item_type = gql_type[1:-1]  # [String!] -> String!
            return "[" + ", ".join(self.new_variable(item_type, x) if self.rng.random() < 0.6 else graphql_literal(x)
                                   for x in json_value) + "]"
        if self.rng.random() < 0.4:
            return self.new_variable(gql_type, json_value)
        return graphql_literal(json_value)

    def new_variable(self, gql_type, json_value):
        name = f"v{len(self.var_defs)}"
        self.var_defs.append(f"${name}: {gql_type}")
        self.variables[name] = json_value
        return "$" + name

    @contextlib.contextmanager
    def sampling(self, rows):
        """Filter values drawn from other rows (comments) for a while."""
        saved, self.data = self.data, rows
        try:
            yield
        finally:
            self.data = saved

    def as_variable(self, gql_type, make):
        """make() -> (gql, sql) built without variables; the gql object becomes
        one variable's value."""
        self.no_variables = True
        gql, sql = make()
        self.no_variables = False
        return self.new_variable(gql_type, literal_to_json(gql)), sql

    def sql_param(self, value, cast):
        self.sql_params.append(value)
        return f"%s::{cast}"

    # ---- where: the typed scalars and the list operators of issue 15 --------
    def typed_filter(self):
        """A filter on ip/host (IpAddress), path (LTree), span/spanText
        (IntRange), doc (TSVector), body (String full text) or tags (lengths,
        anyEq, anyMatches), and its SQL over the base table."""
        field = self.rng.choice(["ip", "host", "path", "span", "spanText", "doc", "body", "tags"])
        flag = self.rng.random() < 0.5

        def value(v, gql_type, cast):
            return self.graphql_value("string", v, gql_type), self.sql_param(v, cast)

        if field in ("ip", "host"):
            op = self.rng.choice(["eq", "neq", "in", "nin", "isnull", "inSubnet", "containsSubnet", "isIPv4",
                                  "isIPv6", "isPrivate"])
            if op == "isnull":
                return f"{{{field}: {{isnull: {graphql_literal(flag)}}}}}", f"(t.ip IS {'' if flag else 'NOT '}NULL)"
            if op in ("isIPv4", "isIPv6"):
                sql = f"(family(t.ip) {'=' if flag else '<>'} {op[-1]})"
                return f"{{{field}: {{{op}: {graphql_literal(flag)}}}}}", sql
            if op == "isPrivate":
                nets = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128"]
                any_net = "(" + " OR ".join(f"t.ip <<= '{n}'::inet" for n in nets) + ")"
                return f"{{{field}: {{isPrivate: {graphql_literal(flag)}}}}}", any_net if flag else f"(NOT {any_net})"
            if op in ("in", "nin"):
                values = sorted(set(self.rng.sample(IPS, self.rng.randint(0, 3))))
                gv, p = value(values, "[IpAddress!]", "inet[]")
                test = f"t.ip = ANY({p})" if op == "in" else f"t.ip <> ALL({p})"
                return f"{{{field}: {{{op}: {gv}}}}}", f"(CASE WHEN t.ip IS NULL THEN NULL ELSE {test} END)"
            v = self.rng.choice(NETS if op in ("inSubnet", "containsSubnet") else IPS)
            gv, p = value(v, "IpAddress", "inet")
            sql_op = {"eq": "=", "neq": "<>", "inSubnet": "<<=", "containsSubnet": ">>="}[op]
            return f"{{{field}: {{{op}: {gv}}}}}", f"(t.ip {sql_op} {p})"
        if field == "path":
            op = self.rng.choice(["eq", "neq", "in", "nin", "isnull", "ancestorOf", "descendantOf", "matchesLquery",
                                  "depthEq", "depthGt", "depthGte", "depthLt", "depthLte"])
            if op == "isnull":
                return f"{{path: {{isnull: {graphql_literal(flag)}}}}}", f"(t.path IS {'' if flag else 'NOT '}NULL)"
            if op in ("in", "nin"):
                values = sorted(set(self.rng.sample(PATHS, self.rng.randint(0, 3))))
                gv, p = value(values, "[LTree!]", "ltree[]")
                test = f"t.path = ANY({p})" if op == "in" else f"t.path <> ALL({p})"
                return f"{{path: {{{op}: {gv}}}}}", f"(CASE WHEN t.path IS NULL THEN NULL ELSE {test} END)"
            if op.startswith("depth"):
                n = self.rng.randint(0, 4)
                gv, p = self.graphql_value("int", n, "Int"), self.sql_param(n, "int")
                sql_op = {"Eq": "=", "Gt": ">", "Gte": ">=", "Lt": "<", "Lte": "<="}[op[5:]]
                return f"{{path: {{{op}: {gv}}}}}", f"(nlevel(t.path) {sql_op} {p})"
            if op == "matchesLquery":
                gv, p = value(self.rng.choice(LQUERIES), "String", "lquery")
                return f"{{path: {{matchesLquery: {gv}}}}}", f"(t.path ~ {p})"
            gv, p = value(self.rng.choice(PATHS), "LTree", "ltree")
            sql_op = {"eq": "=", "neq": "<>", "ancestorOf": "@>", "descendantOf": "<@"}[op]
            return f"{{path: {{{op}: {gv}}}}}", f"(t.path {sql_op} {p})"
        if field in ("span", "spanText"):
            op = self.rng.choice(["eq", "neq", "isnull", "containsValue", "contains", "containedBy", "overlaps",
                                  "adjacent", "strictlyLeft", "strictlyRight"])
            if op == "isnull":
                return f"{{{field}: {{isnull: {graphql_literal(flag)}}}}}", f"(t.span IS {'' if flag else 'NOT '}NULL)"
            if op == "containsValue":
                n = self.rng.randint(-6, 27)
                gv, p = self.graphql_value("int", n, "BigInt"), self.sql_param(n, "int")
                return f"{{{field}: {{containsValue: {gv}}}}}", f"(t.span @> {p})"
            lo = self.rng.randint(-6, 24)
            v = self.rng.choice([f"[{lo},{lo + self.rng.randint(1, 8)})", f"({lo},{lo + 3}]", f"[{lo},)", "empty"])
            gv, p = value(v, "IntRange", "int4range")
            sql_op = {"eq": "=", "neq": "<>", "contains": "@>", "containedBy": "<@", "overlaps": "&&",
                      "adjacent": "-|-", "strictlyLeft": "<<", "strictlyRight": ">>"}[op]
            return f"{{{field}: {{{op}: {gv}}}}}", f"(t.span {sql_op} {p})"
        if field in ("doc", "body"):
            if field == "doc":
                op = self.rng.choice(["matches", "plainMatches", "phraseMatches", "isnull"])
            else:
                op = self.rng.choice(["search", "plainSearch", "phraseSearch"])
            if op == "isnull":
                return f"{{doc: {{isnull: {graphql_literal(flag)}}}}}", f"(t.body IS {'' if flag else 'NOT '}NULL)"
            gv, p = value(self.rng.choice(SEARCHES), "String", "text")
            parser = {"matches": "websearch_to", "search": "websearch_to", "plainMatches": "plainto",
                      "plainSearch": "plainto", "phraseMatches": "phraseto", "phraseSearch": "phraseto"}[op]
            return (f"{{{field}: {{{op}: {gv}}}}}",
                    f"(to_tsvector('simple', t.body) @@ {parser}_tsquery('simple', {p}))")
        op = self.rng.choice(["lengthEq", "lengthGt", "lengthGte", "lengthLt", "lengthLte", "anyEq", "anyMatches"])
        if op.startswith("length"):
            n = self.rng.randint(0, 3)
            gv, p = self.graphql_value("int", n, "Int"), self.sql_param(n, "int")
            sql_op = {"Eq": "=", "Gt": ">", "Gte": ">=", "Lt": "<", "Lte": "<="}[op[6:]]
            return f"{{tags: {{{op}: {gv}}}}}", f"(cardinality(t.tags) {sql_op} {p})"
        if op == "anyEq":
            gv, p = value(self.rng.choice(TAGS + ["none"]), "String", "text")
            return f"{{tags: {{anyEq: {gv}}}}}", f"({p} = ANY(t.tags))"
        gv, p = value(self.rng.choice(["^r", "e", "%", "_$", "本", "^$"]), "String", "text")
        return (f"{{tags: {{anyMatches: {gv}}}}}",
                f"(CASE WHEN t.tags IS NULL THEN NULL "
                f"ELSE coalesce((SELECT bool_or(x ~ {p}) FROM unnest(t.tags) AS x), false) END)")

    # ---- where --------------------------------------------------------------
    def field_filter(self, fields, prefix_sql):
        if fields is FIELDS and self.rng.random() < 0.35:
            return self.typed_filter()
        name = self.rng.choice(list(fields))
        kind, column = fields[name]
        col = f"{prefix_sql}{column}"
        sql_types = {"int": "int", "numeric": "numeric", "string": "text", "bool": "boolean",
                     "datetime": "timestamptz", "date": "date", "list": "text"}
        gql_types = {"int": "Int", "numeric": "Float", "string": "String", "bool": "Boolean",
                     "datetime": "DateTime", "date": "Date", "list": "String"}
        cast, gql = sql_types[kind], gql_types[kind]
        ops = ["eq", "neq", "in", "nin", "isnull"]
        if kind in ("int", "numeric", "datetime", "date"):
            ops += ["gt", "gte", "lt", "lte"]
        if kind == "string":
            ops += ["contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "like", "ilike",
                    "matches", "imatches", "notMatches"]
        if kind == "list":
            ops = ["contains", "containedBy", "overlaps", "isnull"]
        op = self.rng.choice(ops)
        value = self.sample_value(kind, column)
        if op == "isnull":
            flag = self.rng.random() < 0.5
            return f"{{{name}: {{isnull: {graphql_literal(flag)}}}}}", f"({col} IS {'' if flag else 'NOT '}NULL)"
        if kind == "list":
            items = sorted(set([value] + self.rng.sample(TAGS, self.rng.randint(0, 2))))
            if self.rng.random() < 0.12:
                items = []
            gv = self.graphql_value(kind, items, "[String!]")
            p = self.sql_param(items, "text[]")
            sql_op = {"contains": "@>", "containedBy": "<@", "overlaps": "&&"}[op]
            return f"{{{name}: {{{op}: {gv}}}}}", f"({col} {sql_op} {p})"
        if op in ("in", "nin"):
            values = list({str(v): v for v in [value] + [self.sample_value(kind, column) for _ in range(2)]}.values())
            if self.rng.random() < 0.2:
                values = []
            gv = self.graphql_value(kind, values, f"[{gql}!]")
            p = self.sql_param(values, cast + "[]")
            # docs/reference.md: a null or absent value matches no operator but isnull,
            # so its predicate is unknown (NULL), also over an empty list
            # (where SQL's ANY/ALL alone would say FALSE/TRUE).
            test = f"{col} = ANY({p})" if op == "in" else f"{col} <> ALL({p})"
            return f"{{{name}: {{{op}: {gv}}}}}", f"(CASE WHEN {col} IS NULL THEN NULL ELSE {test} END)"
        if op in ("contains", "icontains", "startswith", "istartswith", "endswith", "iendswith"):
            text = str(value)
            if text and self.rng.random() < 0.7:  # a piece of a real value
                a = self.rng.randint(0, len(text) - 1)
                text = text[a:a + self.rng.randint(1, 4)]
            gv = self.graphql_value(kind, text, "String")
            p = self.sql_param(text, "text")
            subject, needle = (f"lower({col})", f"lower({p})") if op.startswith("i") else (col, p)
            base = op[1:] if op.startswith("i") else op
            sql = {"contains": f"(strpos({subject}, {needle}) > 0)",
                   "startswith": f"(left({subject}, length({needle})) = {needle})",
                   "endswith": f"(right({subject}, length({needle})) = {needle})"}[base]
            if base != "contains":
                # the needle appears twice: bind it twice
                self.sql_params.append(text)
            return f"{{{name}: {{{op}: {gv}}}}}", sql
        if op in ("matches", "imatches", "notMatches"):
            pattern = self.rng.choice(["^a", "a$", "[0-9]", "é", "^$", "^[A-Z]", "_", " "])
            gv = self.graphql_value(kind, pattern, "String")
            p = self.sql_param(pattern, "text")
            return f"{{{name}: {{{op}: {gv}}}}}", f"({col} {({'matches': '~', 'imatches': '~*'}).get(op, '!~')} {p})"
        if op in ("like", "ilike"):
            pattern = self.rng.choice(["%a%", "_e%", "%0", "1%", "%\\%%", "%_%", "Z%", "%d"])
            gv = self.graphql_value(kind, pattern, "String")
            p = self.sql_param(pattern, "text")
            return f"{{{name}: {{{op}: {gv}}}}}", f"({col} {'ILIKE' if op == 'ilike' else 'LIKE'} {p})"
        sql_op = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
        gv = self.graphql_value(kind, value, gql)
        p = self.sql_param(value, cast)
        return f"{{{name}: {{{op}: {gv}}}}}", f"({col} {sql_op} {p})"

    def where(self, depth):
        if depth < 3 and self.rng.random() < 0.15:
            return lists.quantifier(self, depth, "t.id")
        r = self.rng.random()
        if depth >= 3 or r < 0.45:
            return self.field_filter(FIELDS, "t.")
        if r < 0.55:
            gql, sql = self.field_filter(AUTHOR_FIELDS, "t.")
            return "{author: " + gql + "}", sql
        if r < 0.7:
            parts = [self.where_item(depth + 1) for _ in range(self.rng.randint(0, 3))]
            gql = "{AND: [" + ", ".join(p[0] for p in parts) + "]}"
            return gql, "(" + (" AND ".join(p[1] for p in parts) or "TRUE") + ")"
        if r < 0.85:
            parts = [self.where_item(depth + 1) for _ in range(self.rng.randint(0, 3))]
            gql = "{OR: [" + ", ".join(p[0] for p in parts) + "]}"
            return gql, "(" + (" OR ".join(p[1] for p in parts) or "FALSE") + ")"
        inner = self.where(depth + 1)
        return "{NOT: " + inner[0] + "}", f"(NOT {inner[1]})"

    def where_item(self, depth):
        """An item of AND/OR: a where object, sometimes held by a variable
        inside the list literal ({AND: [$v2, {...}]})."""
        if self.no_variables or self.rng.random() >= 0.2:
            return self.where(depth)
        self.no_variables = True
        gql, sql = self.where(depth)
        self.no_variables = False
        return self.new_variable("ItemWhereInput!", literal_to_json(gql)), sql

    # ---- the whole query ------------------------------------------------------
    def build(self):
        args, sql_where, order_sql = [], "TRUE", []
        if self.rng.random() < 0.85:
            gql, sql_where = self.where(0)
            args.append("where: " + gql)
        if self.rng.random() < 0.7:
            keys = self.rng.sample([f for f in FIELDS if f not in ("tags",)] + list(lists.NESTED_ORDER),
                                   self.rng.randint(1, 3))
            items = []
            for k in keys:
                d = self.rng.choice(list(DIRECTIONS))
                if k in lists.NESTED_ORDER:
                    items.append(lists.NESTED_ORDER[k][0] % d)
                    order_sql.append(f"{lists.NESTED_ORDER[k][1]} {DIRECTIONS[d]}")
                    continue
                items.append(f"{{{k}: {d}}}")
                order_sql.append(f"t.{FIELDS[k][1]} {DIRECTIONS[d]}")
            args.append("orderBy: [" + ", ".join(items) + "]")
        order_sql.append("t.id")
        limit = offset = None
        if self.rng.random() < 0.6:
            limit = self.rng.choice([0, 1, 3, 10, 50, 200])
            args.append(f"limit: {self.graphql_value('int', limit, 'Int')}")
        if self.rng.random() < 0.3:
            offset = self.rng.choice([0, 1, 5, 40])
            args.append(f"offset: {self.graphql_value('int', offset, 'Int')}")
        self.selection = self.pick_selection()
        sel_text = " ".join(s[2] for s in self.selection)
        header = "query Q(" + ", ".join(self.var_defs) + ")" if self.var_defs else "query Q"
        arg_text = "(" + ", ".join(args) + ")" if args else ""
        self.graphql = f"{header} {{ items{arg_text} {{ {sel_text} }} }}"
        self.sql = (f"SELECT t.* FROM diff.tb_item t WHERE {sql_where} ORDER BY {', '.join(order_sql)}"
                    + (" LIMIT %s" if limit is not None else "") + (" OFFSET %s" if offset is not None else ""))
        if limit is not None:
            self.sql_params.append(limit)
        if offset is not None:
            self.sql_params.append(offset)

    def pick_selection(self):
        """[(response key, field, text)], author with its own sub-selection."""
        names = self.rng.sample(list(FIELDS) + ["author"], self.rng.randint(1, 6))
        out = []
        for i, name in enumerate(names):
            key = name if self.rng.random() < 0.7 else f"a{i}_{name}"
            prefix = "" if key == name else f"{key}: "
            if name == "author":
                sub = self.rng.sample(["name", "age"], self.rng.randint(1, 2))
                out.append((key, name, prefix + "author { " + " ".join(sub) + " }", sub))
            else:
                out.append((key, name, prefix + name, None))
        return out


def to_json_value(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat().replace("+00:00", "Z")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return [to_json_value(x) for x in v]
    return v


def literal_to_json(text):
    """A where literal made without variables, as the JSON a variable takes:
    its object keys quoted (names, never inside this generator's strings,
    which hold no ':' after a name)."""
    return json.loads(re.sub(r'([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:', r'\1"\2":', text))


def graphql_literal(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(graphql_literal(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def expected_response(query, rows, jsonb_text):
    """The response the spec requires, from the independent SQL's rows."""
    items = []
    for row in rows:
        obj = []
        for key, name, _, sub in query.selection:
            if name == "author":
                if row["author_name"] is None and row["author_age"] is None:
                    obj.append((key, None))
                else:
                    obj.append((key, [(s, row["author_name"] if s == "name" else row["author_age"]) for s in sub]))
                continue
            value = row[FIELDS[name][1]]
            if name in ("createdAt", "day") and value is not None:
                value = jsonb_text[(row["id"], name)]  # PostgreSQL's own JSON text of the value
            elif isinstance(value, decimal.Decimal):
                value = float(value)
            obj.append((key, value))
        items.append(obj)
    return [("data", [("items", items)])]


def normalize(v):
    """Parsed JSON (pairs lists) with numbers as floats, so 1.50 == 1.5 and 2 == 2.0."""
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, tuple):
        return (v[0], normalize(v[1]))
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    return float(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20261130)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    with psycopg.connect(dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    passed = failed = 0
    try:
        with psycopg.connect(dbname=DATABASE, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION fraiseql")
            conn.execute(SCHEMA_SQL)
            rows = make_rows(rng)
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO diff.tb_item VALUES (" + ", ".join(["%s"] * 13) + ")", rows)
            comments = lists.Comments(rng, [r[0] for r in rows], WORDS)
            comments.load(conn)
            typed = make_typed_values(rng)
            with conn.cursor() as cur:
                cur.executemany("UPDATE diff.tb_item SET ip = %s, path = %s, span = %s, body = %s WHERE id = %s",
                                [t + (i + 1,) for i, t in enumerate(typed)])
            conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))
            conn.execute("SET fraiseql.text_search_config = 'simple'")
            columns = ["id", "name", "code", "score", "price", "ratio", "active", "created_at", "day", "tags",
                       "nick", "author_name", "author_age"]
            data = [dict(zip(columns, r)) for r in rows]
            jsonb_text = {}
            for rid, ts, day in conn.execute(
                    "SELECT id, to_jsonb(created_at)#>>'{}', to_jsonb(day)#>>'{}' FROM diff.tb_item"):
                jsonb_text[(rid, "createdAt")] = ts
                jsonb_text[(rid, "day")] = day
            nonempty = 0
            for n in range(args.queries):
                q = Query(rng, data)
                q.comments = comments.rows
                q.build()
                with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
                    cur.execute(q.sql, q.sql_params)
                    expected_rows = cur.fetchall()
                got = conn.execute("SELECT convert_from(fraiseql.execute(%s, %s::jsonb), 'UTF8')",
                                   (q.graphql, json.dumps(q.variables) if q.variables else None)).fetchone()[0]
                want = expected_response(q, expected_rows, jsonb_text)
                if normalize(json.loads(got, object_pairs_hook=list)) == normalize(want):
                    passed += 1
                    nonempty += 1 if expected_rows else 0
                else:
                    failed += 1
                    print(f"not ok {n} - {q.graphql}\n  variables: {json.dumps(q.variables)}\n  sql: {q.sql}\n"
                          f"  params: {q.sql_params!r}\n  fraiseql: {got[:600]}\n"
                          f"  expected: {json.dumps(want, ensure_ascii=False, default=str)[:600]}")
            print(f"{nonempty} of {passed} matching queries returned rows")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    print(f"differential: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
