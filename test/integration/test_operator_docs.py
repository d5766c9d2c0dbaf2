#!/usr/bin/python3
"""test_operator_docs.py: docs/reference.md documents exactly the operator table.

Every row of fraiseql.filter_operators() (operator and family) must have a row
in the operator tables of docs/reference.md ("| family | `name` | operand |
SQL | index | example |") with the same operand, SQL and index, and an
example that uses the operator; and the page must list no operator the table
does not have. Runs against the cluster of test/scripts/cluster.sh; prints
"operator-docs: N passed, M failed".
"""

import os
import re
import sys

import psycopg

from checks import Checks, dsn, fresh_database

DATABASE = "fraiseql_operator_docs"
REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "reference.md")
FAMILIES = {"Text", "Ordered", "Basic", "Json", "List", "Network", "LTree", "Range", "FullText", "Geometry"}


def cells(line):
    """The cells of a markdown table row, with \\| kept as |."""
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [p.strip().replace("\\|", "|") for p in parts]


def documented():
    rows = {}
    with open(REFERENCE, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| "):
                continue
            c = cells(line)
            if len(c) == 6 and c[0] in FAMILIES and c[1].startswith("`"):
                rows[(c[0], c[1].strip("`"))] = c
    return rows


def main():
    checks = Checks()
    fresh_database(DATABASE)
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION fraiseql")
        table = conn.execute("SELECT family, name, operand, sql, json_sql, index FROM fraiseql.filter_operators()").fetchall()
    docs = documented()
    for family, name, operand, sql, json_sql, index in table:
        row = docs.get((family, name))
        if not row:
            checks.check(False, "{} {} is documented".format(family, name), "no row in docs/reference.md")
            continue
        want_sql = "`" + sql + "`" + ("; JSON array: `" + json_sql + "`" if json_sql else "")
        same = row[2] == operand and row[3] == want_sql and row[4] == (index or "")
        checks.check(same, "{} {}: operand, SQL and index as the table has them".format(family, name),
                     "docs: {} | table: {}".format(row[2:5], [operand, want_sql, index]))
        example = row[5]
        checks.check(re.search(r"\{" + re.escape(name) + r": ", example) is not None,
                     "{} {}: the example uses it".format(family, name), example)
    extra = set(docs) - {(r[0], r[1]) for r in table}
    checks.check(not extra, "no documented operator is missing from the table", str(sorted(extra)))
    return checks.summary("operator-docs")


if __name__ == "__main__":
    sys.exit(main())
