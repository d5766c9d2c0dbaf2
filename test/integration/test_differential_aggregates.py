#!/usr/bin/python3
"""test_differential_aggregates.py: itemsAggregate against aggregates computed here.

The data set, view, SDL and `where` generator of test_differential.py (3,000
rows with NULLs, unicode, ties); generated aggregate queries with where,
groupBy (zero to two keys), having (count and aggregates, AND/OR/NOT, NULL
comparisons), orderBy (keys, count, aggregates, all six directions), limit
(0 included) and the aggregate field of a connection. The rows a `where`
keeps come from the independent SQL of test_differential.py over the base
table; groups, aggregates, having, ordering and limits are then computed in
Python from those rows, never by fraiseql's SQL. PostgreSQL is asked only
for its JSON text of timestamps (the session's time zone). Numbers compare
as numbers (averages within 1e-12 relative); everything else exactly, key
order included.

Prints "not ok" lines for mismatches and ends with
"differential-aggregates: N passed, M failed"; exits non-zero on a failure.
Usage: test_differential_aggregates.py [--queries N] [--seed S]
"""

import argparse
import datetime
import decimal
import functools
import json
import os
import random
import sys

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
import test_differential as base  # noqa: E402

DATABASE = "fraiseql_differential_aggregates"
# Connections aggregate too: the same Item type under @connection.
SDL = base.SDL.replace("type Query { items: [Item!]! }",
                       'type Query { items: [Item!]! itemsConnection: ItemConnection! @connection(type: "Item") }')

# GraphQL field -> (kind, base column) for the fields aggregates read.
GROUPABLE = {k: v for k, v in base.FIELDS.items() if v[0] != "list"}
SUMMABLE = ["id", "score", "price", "ratio"]  # Int, Int, Float, Float
MINMAX = ["id", "name", "code", "score", "price", "ratio", "createdAt", "day", "nick"]
DIRECTIONS = list(base.DIRECTIONS)


def enum_value(name):
    out = ""
    for c in name:
        out += ("_" + c) if c.isupper() else c.upper()
    return out


class AggregateQuery:
    def __init__(self, rng, data, jsonb_text):
        self.rng = rng
        self.jsonb_text = jsonb_text
        self.q = base.Query(rng, data)  # its where generator, variables and SQL parameters

    def build(self):
        rng = self.rng
        args = []
        self.where_sql = "TRUE"
        if rng.random() < 0.75:
            gql, self.where_sql = self.q.where(0)
            args.append("where: " + gql)
        self.connection = rng.random() < 0.15
        self.group_by = [] if self.connection else rng.sample(list(GROUPABLE), rng.choice([0, 1, 1, 2, 2]))
        if self.group_by:
            args.append("groupBy: [" + ", ".join(enum_value(f) for f in self.group_by) + "]")
        self.having = None
        if not self.connection and rng.random() < 0.5:
            self.having = self.having_expr(0)
            args.append("having: " + self.having[0])
        self.order = []
        if not self.connection and rng.random() < 0.7:
            self.order = self.order_keys()
            args.append("orderBy: [" + ", ".join(o[0] for o in self.order) + "]")
        self.limit = None
        if not self.connection and rng.random() < 0.4:
            self.limit = rng.choice([0, 1, 2, 5, 30])
            args.append("limit: " + self.q.graphql_value("int", self.limit, "Int"))
        self.top = self.pick_aggregates(group=False)
        self.group_sel = self.pick_aggregates(group=True) if rng.random() < 0.8 else None
        sel = " ".join(s[1] for s in self.top)
        if self.group_sel is not None:
            sel += " groups { " + " ".join(s[1] for s in self.group_sel) + " }"
        header = "query Q(" + ", ".join(self.q.var_defs) + ")" if self.q.var_defs else "query Q"
        arg_text = "(" + ", ".join(args) + ")" if args else ""
        if self.connection:
            self.graphql = f"{header} {{ itemsConnection{arg_text} {{ totalCount aggregate {{ {sel} }} }} }}"
        else:
            self.graphql = f"{header} {{ itemsAggregate{arg_text} {{ {sel} }} }}"

    # ---- what is selected -------------------------------------------------------------
    def pick_aggregates(self, group):
        """[(response key, text, spec)]; spec is ("count",) or (fn, [(alias, field)]) or ("keys", [...])."""
        rng = self.rng
        out = []
        if group and self.group_by and rng.random() < 0.9:
            fields = rng.sample(list(GROUPABLE), rng.randint(1, 3))
            fields = list(dict.fromkeys(self.group_by[:1] + fields))
            out.append(("keys", "keys { " + " ".join(fields) + " }", ("keys", [(f, f) for f in fields])))
        if rng.random() < 0.7:
            key = "count" if rng.random() < 0.8 else "n"
            out.append((key, ("" if key == "count" else "n: ") + "count", ("count",)))
        for fn, pool in (("countDistinct", list(GROUPABLE)), ("sum", SUMMABLE), ("avg", SUMMABLE),
                         ("min", MINMAX), ("max", MINMAX)):
            if rng.random() < 0.35:
                fields = rng.sample(pool, rng.randint(1, 3))
                items = [(f if rng.random() < 0.8 else f"a_{f}", f) for f in fields]
                text = " ".join(f if a == f else f"{a}: {f}" for a, f in items)
                out.append((fn, f"{fn} {{ {text} }}", (fn, items)))
        if not out:
            out.append(("count", "count", ("count",)))
        return out

    # ---- having ---------------------------------------------------------------------
    def having_expr(self, depth):
        """(GraphQL, predicate over a group's rows returning True/False/None)."""
        rng = self.rng
        r = rng.random()
        if depth < 2 and r < 0.2:
            parts = [self.having_expr(depth + 1) for _ in range(rng.randint(0, 2))]
            op = rng.choice(["AND", "OR"])
            gql = "{" + op + ": [" + ", ".join(p[0] for p in parts) + "]}"
            preds = [p[1] for p in parts]
            return gql, (lambda rows: sql_and([p(rows) for p in preds])) if op == "AND" else \
                (lambda rows: sql_or([p(rows) for p in preds]))
        if depth < 2 and r < 0.3:
            inner = self.having_expr(depth + 1)
            return "{NOT: " + inner[0] + "}", lambda rows: sql_not(inner[1](rows))
        op = rng.choice(["eq", "neq", "gt", "gte", "lt", "lte"])
        choice = rng.random()
        if choice < 0.4:
            value = rng.choice([0, 1, 2, 3, 5, 10, 40, 100])
            gv = self.q.graphql_value("int", value, "Int")
            return f"{{count: {{{op}: {gv}}}}}", lambda rows: compare(len(rows), op, value)
        fn = rng.choice(["sum", "avg", "min", "max", "countDistinct"])
        field = rng.choice({"sum": ["score", "price"], "avg": ["ratio", "score"], "min": ["day", "score", "name"],
                            "max": ["day", "score", "name"], "countDistinct": ["code", "active"]}[fn])
        sample = {"score": rng.randint(-100, 600), "price": decimal.Decimal(rng.randint(0, 80000)) / 100,
                  "ratio": rng.randint(-8, 8) / 4, "name": rng.choice(base.WORDS),
                  "day": datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 800)),
                  "code": rng.randint(0, 5), "active": rng.randint(0, 2)}[field]
        if fn == "sum" and field == "score":
            gql_type, literal = "BigInt", base.graphql_literal(str(sample))
        elif fn == "countDistinct":
            gql_type, literal = "Int", base.graphql_literal(sample)
        else:
            gql_type = {"score": "Int", "price": "Float", "ratio": "Float", "name": "String", "day": "Date"}[field]
            if fn == "avg":
                gql_type = "Float"
            literal = base.graphql_literal(base.to_json_value(sample))
        if rng.random() < 0.3:
            literal = self.q.new_variable(gql_type, json.loads(literal))
        kind, column = base.FIELDS[field]
        return (f"{{{fn}: {{{field}: {{{op}: {literal}}}}}}}",
                lambda rows: compare(aggregate(fn, kind, [r[column] for r in rows]), op, sample))

    # ---- orderBy --------------------------------------------------------------------
    def order_keys(self):
        """[(GraphQL, key function over (key tuple, rows), direction name)]"""
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 3)):
            d = rng.choice(DIRECTIONS)
            r = rng.random()
            if r < 0.35 and self.group_by:
                f = rng.choice(self.group_by)
                i = self.group_by.index(f)
                out.append((f"{{keys: {{{f}: {d}}}}}", lambda key, rows, i=i: key[i], d))
            elif r < 0.6:
                out.append((f"{{count: {d}}}", lambda key, rows: len(rows), d))
            else:
                fn = rng.choice(["sum", "avg", "min", "max", "countDistinct"])
                field = rng.choice({"sum": SUMMABLE, "avg": SUMMABLE, "min": MINMAX, "max": MINMAX,
                                    "countDistinct": list(GROUPABLE)}[fn])
                kind, column = base.FIELDS[field]
                out.append((f"{{{fn}: {{{field}: {d}}}}}",
                            lambda key, rows, fn=fn, kind=kind, column=column:
                            aggregate(fn, kind, [r[column] for r in rows]), d))
        return out

    # ---- the expected response ----------------------------------------------------------
    def expected(self, rows):
        top = self.object(self.top, None, rows)
        if self.group_sel is not None:
            groups = self.groups(rows)
            top.append(("groups", [self.object(self.group_sel, key, g) for key, g in groups]))
        if self.connection:
            return [("data", [("itemsConnection", [("totalCount", len(rows)), ("aggregate", top)])])]
        return [("data", [("itemsAggregate", top)])]

    def groups(self, rows):
        if self.group_by:
            by_key = {}
            for r in rows:
                key = tuple(r[base.FIELDS[f][1]] for f in self.group_by)
                by_key.setdefault(key, []).append(r)
            groups = list(by_key.items())
        else:
            groups = [((), rows)]  # GROUP BY (): one group, even of no rows
        if self.having:
            groups = [g for g in groups if self.having[1](g[1]) is True]
        # The tie-break first, then each orderBy key from the last: stable sorts.
        for i in reversed(range(len(self.group_by))):
            groups.sort(key=functools.cmp_to_key(order_cmp(lambda g, i=i: g[0][i], "ASC")))
        for _, fn, d in reversed(self.order):
            groups.sort(key=functools.cmp_to_key(order_cmp(lambda g, fn=fn: fn(g[0], g[1]), d)))
        if self.limit is not None:
            groups = groups[:self.limit]
        return groups

    def object(self, selection, key, rows):
        out = []
        for response_key, _, spec in selection:
            if spec[0] == "count":
                out.append((response_key, len(rows)))
            elif spec[0] == "keys":
                values = []
                for alias, f in spec[1]:
                    if f in self.group_by:
                        values.append((alias, self.json_of(f, key[self.group_by.index(f)], "key")))
                    else:
                        values.append((alias, None))
                out.append((response_key, values))
            else:
                fn = spec[0]
                values = []
                for alias, f in spec[1]:
                    kind, column = base.FIELDS[f]
                    values.append((alias, self.json_of(f, aggregate(fn, kind, [r[column] for r in rows]), fn)))
                out.append((response_key, values))
        return out

    def json_of(self, field, value, fn):
        """A value as the response writes it (docs/reference.md, "Aggregates")."""
        if value is None:
            return None
        kind = base.FIELDS[field][0]
        if fn == "sum" and field in ("id", "score"):
            return str(value)  # sums of Int are BigInt strings
        if fn in ("countDistinct", "avg"):
            return value
        if kind == "datetime":
            return self.jsonb_text[value]
        if kind == "date":
            return value.isoformat()
        if isinstance(value, decimal.Decimal):
            return value
        return value


# ---- SQL semantics in Python -----------------------------------------------------------------
def aggregate(fn, kind, values):
    present = [v for v in values if v is not None]
    if fn == "countDistinct":
        return len(set(present))
    if not present:
        return None
    if fn == "sum":
        return sum(decimal.Decimal(str(v)) if isinstance(v, float) else v for v in present)
    if fn == "avg":
        total = sum(decimal.Decimal(str(v)) for v in present)
        with decimal.localcontext() as c:
            c.prec = 40
            return float(total / len(present))
    return min(present) if fn == "min" else max(present)


def compare(a, op, b):
    if a is None or b is None:
        return None
    if isinstance(a, float) or isinstance(b, float):
        a, b = float(a), float(b)
    return {"eq": a == b, "neq": a != b, "gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]


def sql_and(values):
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def sql_or(values):
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def sql_not(v):
    return None if v is None else not v


def order_cmp(get, direction):
    sql = base.DIRECTIONS[direction]
    descending = sql.startswith("DESC")
    nulls_first = "NULLS FIRST" in sql

    def cmp(x, y):
        a, b = get(x), get(y)
        if a is None or b is None:
            if a is None and b is None:
                return 0
            return (-1 if nulls_first else 1) * (1 if a is None else -1)
        if isinstance(a, float) or isinstance(b, float):
            a, b = float(a), float(b)
        c = (a > b) - (a < b)
        return -c if descending else c
    return cmp


def same(got, want):
    """Parsed JSON (pairs lists) against the expected pairs; numbers as numbers, floats to 1e-12."""
    if isinstance(want, list) and isinstance(got, list):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    if isinstance(want, tuple):
        return isinstance(got, (list, tuple)) and len(got) == 2 and got[0] == want[0] and same(got[1], want[1])
    if isinstance(want, bool) or want is None or isinstance(want, str):
        return got == want and type(got) is type(want)
    if isinstance(got, bool) or not isinstance(got, (int, float, decimal.Decimal)):
        return False
    g, w = float(got), float(want)
    return g == w or abs(g - w) <= 1e-12 * max(1.0, abs(w))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    checks.fresh_database(DATABASE)
    passed = failed = 0
    try:
        with psycopg.connect(checks.dsn(DATABASE), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION fraiseql")
            conn.execute(base.SCHEMA_SQL)
            items = base.make_rows(rng)
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO diff.tb_item VALUES (" + ", ".join(["%s"] * len(items[0])) + ")", items)
            conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))
            with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
                cur.execute("SELECT * FROM diff.tb_item ORDER BY id")
                data = cur.fetchall()
            by_id = {r["id"]: r for r in data}
            # PostgreSQL's JSON text of each timestamp (its session time zone)
            jsonb_text = dict(conn.execute(
                "SELECT created_at, to_jsonb(created_at)#>>'{}' FROM diff.tb_item WHERE created_at IS NOT NULL"
            ).fetchall())
            grouped = 0
            for n in range(args.queries):
                q = AggregateQuery(rng, data, jsonb_text)
                q.build()
                ids = [r[0] for r in conn.execute(f"SELECT t.id FROM diff.tb_item t WHERE {q.where_sql}",
                                                  q.q.sql_params).fetchall()]
                kept = [by_id[i] for i in sorted(ids)]
                want = q.expected(kept)
                got = conn.execute("SELECT convert_from(fraiseql.execute(%s, %s::jsonb), 'UTF8')",
                                   (q.graphql, json.dumps(q.q.variables) if q.q.variables else None)).fetchone()[0]
                parsed = json.loads(got, object_pairs_hook=list, parse_float=decimal.Decimal)
                if same(parsed, want):
                    passed += 1
                    grouped += 1 if q.group_by else 0
                else:
                    failed += 1
                    print(f"not ok {n} - {q.graphql}\n  variables: {json.dumps(q.q.variables)}\n"
                          f"  where: {q.where_sql} {q.q.sql_params!r}\n  fraiseql: {got[:800]}\n"
                          f"  expected: {json.dumps(want, ensure_ascii=False, default=str)[:800]}")
            print(f"{grouped} of {passed} matching queries had groupBy")
    finally:
        with psycopg.connect(checks.dsn("postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    print(f"differential-aggregates: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
