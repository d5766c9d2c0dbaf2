#!/usr/bin/python3
"""test_hostile.py: hostile requests through fraiseql.execute (issue 10, point 2).

Each case sends one request over one psycopg connection and checks that the
answer is a well-formed GraphQL response of the expected kind (the error
codes it may carry, or data), that no SQL error escaped, and that the same
session answers the next call. Injection attempts also check that the data
is intact afterwards. Limits are the defaults of a fresh session.

Prints "ok - ..." / "not ok - ..." per case and "hostile: N passed, M failed".
"""

import json
import os
import subprocess
import sys
import traceback

import psycopg

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATABASE = "fraiseql_hostile"

PARSE = {"GRAPHQL_PARSE_FAILED"}
TOO_COMPLEX = {"QUERY_TOO_COMPLEX"}
INVALID = {"GRAPHQL_VALIDATION_FAILED"}
BAD_INPUT = {"BAD_USER_INPUT"}
LIMIT_OR_PARSE = TOO_COMPLEX | PARSE
ANY_ERROR = PARSE | TOO_COMPLEX | INVALID | BAD_INPUT | {"DATABASE_ERROR"}
DATA = "data"  # in an expected set: a data response without errors is fine too
D = {DATA}


def cases():
    """(name, query, variables, expected) where expected is DATA or a set of codes."""
    out = []
    # Deep nesting of selections, lists, objects and types.
    for depth in (33, 100, 1000, 10000, 100000):
        out.append(("selection nesting %d" % depth, "{ users " + "{ posts " * depth + "}" * depth + " }", None, LIMIT_OR_PARSE))
        out.append(("list value nesting %d" % depth, "{ users(limit: " + "[" * depth + "1" + "]" * depth + ") { id } }", None,
                    LIMIT_OR_PARSE | INVALID))
        out.append(("object value nesting %d" % depth, "{ users(limit: " + "{a: " * depth + "1" + "}" * depth + ") { id } }", None,
                    LIMIT_OR_PARSE | INVALID))
        out.append(("type nesting %d" % depth, "query ($v: " + "[" * depth + "Int" + "]" * depth + ") { users { id } }", None,
                    LIMIT_OR_PARSE | INVALID))
        out.append(("unclosed braces %d" % depth, "{" * depth, None, LIMIT_OR_PARSE))
    # Huge documents.
    for size in (300 * 1024, 5 * 1024 * 1024):
        out.append(("document of %d bytes" % size, "{ users { id } }" + " " * size, None, TOO_COMPLEX))
        out.append(("comment of %d bytes" % size, "#" + "x" * size + "\n{ users { id } }", None, TOO_COMPLEX))
        out.append(("string of %d bytes" % size, '{ user(id: "' + "a" * size + '") { id } }', None, TOO_COMPLEX))
    for n in (10001, 50000):
        out.append(("%d tokens" % n, "{ users { " + "id " * n + "} }", None, TOO_COMPLEX))
    # Alias floods and field merging blow-ups.
    for n in (101, 1000, 3000):
        out.append(("%d aliases" % n, "{ " + " ".join("a%d: __typename" % i for i in range(n)) + " }", None, TOO_COMPLEX))
    # graphql-js 17 gives up on this one ("Validation aborted.": its overlap budget); so do we.
    out.append(("3000 repeated fields", "{ users { " + "id " * 3000 + "} }", None, D | INVALID))
    out.append(("repeated fields with conflicting arguments",
                "{ users { posts { id } } " + " ".join("users(limit: %d) { id }" % i for i in range(1, 60)) + " }", None, INVALID))
    out.append(("same alias on different fields", "{ users { x: id x: email } }", None, INVALID))
    # Fragment cycles and fan-out.
    out.append(("fragment self cycle", "{ users { ...A } } fragment A on User { ...A }", None, INVALID))
    out.append(("fragment two-cycle", "{ users { ...A } } fragment A on User { ...B } fragment B on User { ...A }", None, INVALID))
    long_cycle = " ".join("fragment F%d on User { ...F%d }" % (i, (i + 1) % 50) for i in range(50))
    out.append(("fragment 50-cycle", "{ users { ...F0 } } " + long_cycle, None, INVALID))
    fan = " ".join("fragment G%d on User { ...G%d ...G%d }" % (i, i + 1, i + 1) for i in range(30)) + " fragment G30 on User { id }"
    out.append(("exponential fragment fan-out (2^30 paths)", "{ users { ...G0 } } " + fan, None, D | TOO_COMPLEX | INVALID))
    chain = " ".join("fragment H%d on User { id ...H%d }" % (i, i + 1) for i in range(300)) + " fragment H300 on User { id }"
    out.append(("300-fragment chain", "{ users { ...H0 } } " + chain, None, D | TOO_COMPLEX | INVALID))
    out.append(("unknown fragment", "{ users { ...Nope } }", None, INVALID))
    out.append(("unused fragment", "{ users { id } } fragment U on User { id }", None, INVALID))
    # Introspection abuse.
    deep_of_type = "{ __schema { types { " + "ofType { " * 30 + "name" + " }" * 30 + " } } }"
    out.append(("deep ofType chain", deep_of_type, None, INVALID | TOO_COMPLEX | D))
    nested_fields = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"
    out.append(("introspection cycle fields.type.fields", nested_fields, None, INVALID))
    out.append(("__type with a huge name", '{ __type(name: "' + "T" * 100000 + '") { name } }', None, D | TOO_COMPLEX))
    # Variables: giant, deep, wrong.
    deep_var = {"n": 1}
    for _ in range(500):
        deep_var = {"n": deep_var}
    out.append(("500-deep variables object for an Int", "query ($n: Int) { users(limit: $n) { id } }", {"n": deep_var}, BAD_INPUT))
    out.append(("10,000-item list for an Int", "query ($n: Int) { users(limit: $n) { id } }", {"n": list(range(10000))}, BAD_INPUT))
    out.append(("giant string for an Int", "query ($n: Int) { users(limit: $n) { id } }", {"n": "9" * 1000000}, BAD_INPUT))
    out.append(("many unused variables", "query ($n: Int) { users(limit: $n) { id } }", dict(("v%d" % i, i) for i in range(20000)), D))
    out.append(("undeclared variable used", "{ users(limit: $n) { id } }", {"n": 1}, INVALID))
    out.append(("variable of an output type", "query ($u: User) { users { id } }", None, INVALID))
    # Strings, escapes and encodings.
    for esc in ("\\ud800", "\\udc00", "\\ud800\\u0041", "\\u{D800}", "\\u{110000}", "\\x41", "\\u00", "\\u{}", "\\u{FFFFFFFFF}"):
        out.append(("string escape %s" % esc, '{ user(id: "' + esc + '") { id } }', None, PARSE))
    out.append(("surrogate pair escape", '{ userByText(id: "\\ud83d\\ude00") { id } }', None, D | BAD_INPUT))
    out.append(("unterminated string", '{ user(id: "abc) { id } }', None, PARSE))
    out.append(("unterminated block string", '{ user(id: """abc) { id } }', None, PARSE))
    # graphql-js 17 allows control characters other than line breaks inside strings.
    out.append(("control character in string", '{ user(id: "a\x01b") { id } }', None, BAD_INPUT))
    out.append(("byte order mark inside", '{ users { \ufeffid } }', None, PARSE | D))
    out.append(("non-ASCII name", '{ usérs { id } }', None, PARSE))
    out.append(("emoji in a comment", '# 😀\n{ users { id } }', None, D))
    # Numbers out of every range.
    for lit in ("2147483648", "-2147483649", "99999999999999999999999", "1e400", "-1e400", "1.5", "0x10", "01", "1e", "-"):
        out.append(("limit literal %s" % lit, "{ users(limit: %s) { id } }" % lit, None, PARSE | INVALID))
    for value in (2147483648, -2147483649, 1e308, 10 ** 40, 1.5, "1", True, [1], {"a": 1}):
        out.append(("limit variable %s" % json.dumps(value)[:20], "query ($n: Int) { users(limit: $n) { id } }", {"n": value}, BAD_INPUT))
    out.append(("negative limit", "{ users(limit: -1) { id } }", None, ANY_ERROR))
    out.append(("BigInt out of range", 'query ($b: BigInt) { users { id } }', {"b": "9223372036854775808"}, BAD_INPUT | INVALID))
    # Injection attempts: every place a value or a name can reach SQL.
    for payload in ("'; DROP TABLE app.tb_user; --", "\" OR 1=1 --", "a0000000-0000-0000-0000-000000000001' OR '1'='1",
                    "$1", "\\'; SELECT pg_sleep(10); --", "%", "_", "\\", "\x00"[:0] + "\\x00", "' UNION SELECT data FROM app.v_user --"):
        out.append(("injection via string variable %r" % payload[:24], "query ($t: String!) { userByText(id: $t) { id } }", {"t": payload},
                    BAD_INPUT | D))
        out.append(("injection via string literal %r" % payload[:24], '{ userByText(id: %s) { id } }' % json.dumps(payload), None,
                    BAD_INPUT | D | PARSE))
        out.append(("injection via UUID variable %r" % payload[:24], "query ($u: UUID!) { user(id: $u) { id } }", {"u": payload}, BAD_INPUT))
    for name in ('users { id } } mutation { x', 'users" FROM app.tb_user; --', "users;DROP", "__schema__", "a" * 10000):
        out.append(("injection via field name %r" % name[:24], "{ %s }" % name, None, PARSE | INVALID | TOO_COMPLEX))
    out.append(("injection via JSON key", 'query ($j: JSON) { users { id } }', {"j": {"'; DROP TABLE app.tb_user; --": 1}}, INVALID | D))
    out.append(("injection via operation name", "query A { users { id } }", None, D))
    out.append(("injection via directive", '{ users @include(if: "true; DROP") { id } }', None, INVALID))
    # Operations and selection oddities.
    out.append(("empty document", "", None, PARSE))
    out.append(("only a comment", "# nothing", None, PARSE))
    # graphql-js 17 parses and validates an empty selection set: {"data":{}}.
    out.append(("empty selection", "{ }", None, D))
    out.append(("subscription", "subscription { users { id } }", None, INVALID))
    out.append(("two anonymous operations", "{ users { id } } { users { id } }", None, INVALID))
    out.append(("SDL in a request", "type Query { a: Int }", None, INVALID))
    out.append(("10,000 operations", " ".join("query Q%d { __typename }" % i for i in range(10000)), None, TOO_COMPLEX | INVALID))
    return [case + (None,) for case in out] + context_cases()


def context_cases():
    """Hostile request contexts (execute's 4th argument): a bad key or shape is a
    request error and nothing runs; values are settings, never SQL."""
    query = "{ users(limit: 1) { id } }"
    out = []
    for key in ("'; DROP TABLE app.tb_user; --", "a.b", "role", "", "1abc", "x" * 64, "k\u00e9y", "k ey", "$1"):
        expected = D if key == "role" else BAD_INPUT  # "role" is a plain identifier: it becomes app.role
        out.append(("context key %r" % key[:24], query, None, expected, {key: "1"}))
    for context in ([1], "tenant", 5, True):
        out.append(("context that is not an object: %s" % json.dumps(context), query, None, BAD_INPUT, context))
    out.append(("context with 65 keys", query, None, BAD_INPUT, {"k%d" % i: i for i in range(65)}))
    for value in ("'; DROP TABLE app.tb_user; --", "off", {"nested": ["x", 1]}, "x" * 100000, None):
        out.append(("context value %s" % json.dumps(value)[:24], query, None, D, {"tenant_id": value}))
    return out


def dsn(dbname):
    return "host={} port={} user={} dbname={}".format(
        os.environ["PGHOST"], os.environ["PGPORT"], os.environ.get("PGUSER", "postgres"), dbname)


def set_up():
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS " + DATABASE)
        conn.execute("CREATE DATABASE " + DATABASE)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-c", "CREATE EXTENSION fraiseql"],
                   check=True, capture_output=True)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-f",
                    os.path.join(ROOT, "test/regress/fixtures.sql")], check=True, capture_output=True)


def main():
    passed = failed = 0

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok - " + name)
        else:
            failed += 1
            print("not ok - " + name + (": " + detail[:300] if detail else ""))

    try:
        set_up()
        conn = psycopg.connect(dsn(DATABASE), autocommit=True)
        users_before = conn.execute("SELECT count(*) FROM app.tb_user").fetchone()[0]
    except Exception:
        traceback.print_exc()
        report(False, "set-up")
        print("hostile: {} passed, {} failed".format(passed, failed))
        return 1

    for name, query, variables, expected, context in cases():
        detail = ""
        try:
            row = conn.execute("SELECT fraiseql.execute(%s, %s::jsonb, NULL, %s::jsonb)",
                               (query, None if variables is None else json.dumps(variables),
                                None if context is None else json.dumps(context))).fetchone()
            response = json.loads(bytes(row[0]).decode("utf-8"))
            codes = {e.get("extensions", {}).get("code") for e in response.get("errors", [])}
            if not codes:
                ok = DATA in expected and "data" in response
            else:
                ok = None not in codes and codes <= expected - {DATA}
            detail = json.dumps(response)[:300]
        except psycopg.Error as e:
            ok, detail = False, "SQL error escaped: " + str(e)
            conn = psycopg.connect(dsn(DATABASE), autocommit=True)
        except Exception as e:
            ok, detail = False, repr(e)
        try:
            alive = conn.execute("SELECT 1").fetchone()[0] == 1
        except Exception as e:
            alive, detail = False, detail + " / session broken: " + str(e)
            conn = psycopg.connect(dsn(DATABASE), autocommit=True)
        report(ok and alive, name, detail)

    users_after = conn.execute("SELECT count(*) FROM app.tb_user").fetchone()[0]
    report(users_after == users_before and users_before > 0, "data intact after every injection attempt")
    # The contexts set app.* settings only for their call: nothing is left behind.
    leaked = conn.execute("SELECT count(*) FROM pg_settings WHERE name LIKE 'app.%' AND setting <> ''").fetchone()[0]
    report(leaked == 0, "no app.* setting outlives its call", "%d left" % leaked)
    print("hostile: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
