#!/usr/bin/python3
"""test_drivers.py: fraiseql.execute through three clients gives the same bytes.

psycopg 3 and asyncpg (Debian's python3-psycopg and python3-asyncpg) and psql
each call fraiseql.execute on the same requests; the bytea they get must be
byte for byte identical, and it must be the GraphQL response we expect
(checked on the decoded JSON, with key order). Runs against the cluster of
test/scripts/cluster.sh (PGHOST, PGPORT, PGUSER in the environment) in a
database of its own, loaded with the demo schema.

Prints one "ok - ..." or "not ok - ..." line per check and ends with
"integration: N passed, M failed"; exits non-zero when any check failed.
"""

import asyncio
import json
import os
import subprocess
import sys
import traceback

import asyncpg
import psycopg

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATABASE = "fraiseql_integration"
EXECUTE = "SELECT fraiseql.execute($1, $2::jsonb, $3)"

ADA = "00000000-0000-4000-8000-000000000001"

# (name, query, variables or None, operation name or None, check on the decoded response)
REQUESTS = [
    (
        "list root field, camelCase to snake_case, missing key is null",
        "{ users { id email firstName lastName } }",
        None,
        None,
        lambda r: [u["lastName"] for u in r["data"]["users"]] == ["Lovelace", "Turing", "Hopper", None]
        and list(r["data"]["users"][0].keys()) == ["id", "email", "firstName", "lastName"],
    ),
    (
        "single-row root field with a variable, nested lists",
        "query Q($id: UUID!) { user(id: $id) { __typename email posts { title comments { body } } } }",
        {"id": ADA},
        "Q",
        lambda r: r
        == {
            "data": {
                "user": {
                    "__typename": "User",
                    "email": "ada@example.com",
                    "posts": [
                        {
                            "title": "Notes on the Analytical Engine",
                            "comments": [{"body": "Could it think?"}, {"body": "It needs a compiler."}],
                        }
                    ],
                }
            }
        },
    ),
    (
        "aliases and a nested object, unicode and quotes in values",
        '{ p: posts { t: title by: author { e: email } } }',
        None,
        None,
        lambda r: [p["t"] for p in r["data"]["p"]]
        == ["Notes on the Analytical Engine", "Computable numbers", 'A compiler, "A-0"']
        and r["data"]["p"][0]["by"] == {"e": "ada@example.com"},
    ),
    (
        "a row that does not exist gives null",
        "query Q($id: UUID!) { user(id: $id) { email } }",
        {"id": "00000000-0000-4000-8000-0000000000ff"},
        None,
        lambda r: r == {"data": {"user": None}},
    ),
    (
        "syntax error: GRAPHQL_PARSE_FAILED and no data key",
        "{ users { email }",
        None,
        None,
        lambda r: list(r.keys()) == ["errors"]
        and r["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
        and r["errors"][0]["locations"] == [{"line": 1, "column": 18}],
    ),
    (
        "unknown field: GRAPHQL_VALIDATION_FAILED with a suggestion",
        "{ users { emial } }",
        None,
        None,
        lambda r: list(r.keys()) == ["errors"]
        and r["errors"][0]["message"] == 'Cannot query field "emial" on type "User". Did you mean "email"?'
        and r["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED",
    ),
    (
        "bad variable: BAD_USER_INPUT",
        "query Q($id: UUID!) { user(id: $id) { email } }",
        {"id": "not-a-uuid"},
        None,
        lambda r: list(r.keys()) == ["errors"] and r["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT",
    ),
]


def dsn(dbname):
    return "host={} port={} user={} dbname={}".format(
        os.environ["PGHOST"], os.environ["PGPORT"], os.environ.get("PGUSER", "postgres"), dbname
    )


def psql(dbname, *args, stdin=None):
    return subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dbname, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def set_up():
    psql("postgres", "-c", "DROP DATABASE IF EXISTS " + DATABASE)
    psql("postgres", "-c", "CREATE DATABASE " + DATABASE)
    psql(DATABASE, "-c", "CREATE EXTENSION fraiseql")
    with open(os.path.join(ROOT, "test/demo/schema.sql")) as f:
        psql(DATABASE, stdin=f.read())
    with open(os.path.join(ROOT, "test/demo/schema.graphql")) as f:
        sdl = f.read()
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl,))


def through_psql(query, variables, operation_name):
    # psql variables are quoted by psql itself (:'name'), so no value is spliced by us.
    out = psql(
        DATABASE,
        "-At",
        "-v",
        "q=" + query,
        "-v",
        "v=" + ("" if variables is None else json.dumps(variables)),
        "-v",
        "o=" + ("" if operation_name is None else operation_name),
        stdin="SELECT encode(fraiseql.execute(:'q', NULLIF(:'v', '')::jsonb, NULLIF(:'o', '')), 'hex');\n",
    )
    return bytes.fromhex(out.strip())


def through_psycopg(conn, query, variables, operation_name):
    vars_text = None if variables is None else json.dumps(variables)
    row = conn.execute(
        "SELECT fraiseql.execute(%s, %s::jsonb, %s)", (query, vars_text, operation_name)
    ).fetchone()
    return bytes(row[0])


async def through_asyncpg(requests):
    conn = await asyncpg.connect(
        host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]), user=os.environ.get("PGUSER", "postgres"),
        database=DATABASE,
    )
    try:
        out = []
        for _, query, variables, operation_name, _ in requests:
            vars_text = None if variables is None else json.dumps(variables)
            out.append(bytes(await conn.fetchval(EXECUTE, query, vars_text, operation_name)))
        return out
    finally:
        await conn.close()


def main():
    passed = failed = 0

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok - " + name)
        else:
            failed += 1
            print("not ok - " + name + (": " + detail if detail else ""))

    try:
        set_up()
        with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
            by_psycopg = [through_psycopg(conn, q, v, o) for _, q, v, o, _ in REQUESTS]
            # The same session stays usable after error responses.
            alive = conn.execute("SELECT 1").fetchone()[0] == 1
        by_asyncpg = asyncio.run(through_asyncpg(REQUESTS))
        by_psql = [through_psql(q, v, o) for _, q, v, o, _ in REQUESTS]
    except Exception:
        traceback.print_exc()
        report(False, "set-up and calls through psycopg, asyncpg and psql")
        print("integration: {} passed, {} failed".format(passed, failed))
        return 1

    for i, (name, _, _, _, check) in enumerate(REQUESTS):
        same = by_psycopg[i] == by_asyncpg[i] == by_psql[i]
        report(same, "identical bytes from psycopg, asyncpg and psql: " + name,
               "psycopg {!r} asyncpg {!r} psql {!r}".format(by_psycopg[i], by_asyncpg[i], by_psql[i]))
        try:
            response = json.loads(by_psycopg[i].decode("utf-8"))
            ok = check(response)
        except Exception as e:  # a malformed response is a failure, not a crash of the suite
            response, ok = repr(e), False
        report(ok, "expected response: " + name, by_psycopg[i].decode("utf-8", "replace"))
    report(alive, "session usable after error responses")

    print("integration: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
