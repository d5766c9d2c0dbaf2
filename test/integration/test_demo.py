#!/usr/bin/python3
"""test_demo.py: the requests of `make demo` give the responses recorded in
test/demo/expected/, byte for byte.

In a fresh database of the cluster of test/scripts/cluster.sh (PGHOST/PGPORT):
CREATE EXTENSION fraiseql, test/demo/schema.sql, load_schema of
test/demo/schema.graphql, then each test/demo/requests/NAME.graphql through
fraiseql.execute with NAME.json as variables and NAME.context.json as context
(when present), in order, as test/scripts/demo.sh sends them (the mutation
commits, as in the demo). Each response must equal test/demo/expected/NAME.json
(the bytes execute returns, plus a final newline). The Debian package test runs
it against the installed package.

--write records the current responses instead: read each one before
committing it. Prints "demo: N passed, M failed".
"""

import glob
import json
import os
import sys

import psycopg

from checks import dsn, fresh_database, run_dropping

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEMO = os.path.join(ROOT, "test", "demo")
DATABASE = "fraiseql_demo_requests"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def optional_json(path):
    return json.loads(read(path)) if os.path.exists(path) else None


def run(checks, write):
    fresh_database(DATABASE)
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION fraiseql")
        conn.execute(read(os.path.join(DEMO, "schema.sql")))
        conn.execute("SELECT fraiseql.load_schema(%s)", (read(os.path.join(DEMO, "schema.graphql")),))
        requests = sorted(glob.glob(os.path.join(DEMO, "requests", "*.graphql")))
        checks.check(len(requests) > 0, "test/demo/requests holds requests")
        for request in requests:
            name = os.path.basename(request)[:-len(".graphql")]
            base = request[:-len(".graphql")]
            variables = optional_json(base + ".json")
            context = optional_json(base + ".context.json")
            # demo.sh passes the text through $(cat ...), which drops the final newline.
            response = bytes(conn.execute(
                "SELECT fraiseql.execute(%s, %s::jsonb, NULL, %s::jsonb)",
                (read(request).rstrip("\n"), None if variables is None else json.dumps(variables),
                 None if context is None else json.dumps(context))).fetchone()[0])
            expected_path = os.path.join(DEMO, "expected", name + ".json")
            if write:
                os.makedirs(os.path.dirname(expected_path), exist_ok=True)
                with open(expected_path, "wb") as f:
                    f.write(response + b"\n")
                continue
            expected = open(expected_path, "rb").read().rstrip(b"\n") if os.path.exists(expected_path) else None
            checks.check(response == expected, name, "got " + response.decode("utf-8", "replace"))


def main():
    write = "--write" in sys.argv[1:]
    return run_dropping("demo", lambda checks: run(checks, write), [DATABASE])

if __name__ == "__main__":
    sys.exit(main())
