#!/usr/bin/python3
"""test_tool.py: fraiseql-tool as a user runs it (issue 16, point 6).

Against the cluster of test/scripts/cluster.sh (PGHOST, PGPORT, PGUSER; psql
from PG_CONFIG's bindir), with build/fraiseql-tool:
- print-schema of an SDL file prints, byte for byte, what schema_sdl() returns
  after load_schema of that file (plus the final newline psql -At adds), for
  the demo schema and for test/integration/tool/rich.graphql (interfaces,
  unions, @function fields, @field keys, descriptions, connections), whose
  views and functions test/integration/tool/rich.sql creates;
- validate over test/integration/tool/documents reports each error once as
  file:line:column: message, exits 1, and agrees with fraiseql.execute on
  every document: the same syntax and validation errors at the same places,
  none where the tool finds none;
- a schema that does not build exits 2 with its errors by position (the
  messages load_schema raises), without the usage text; one whose view does
  not exist prints (no catalog) where load_schema refuses it;
- `make install DESTDIR=...` puts the tool in PostgreSQL's bindir.
Prints "ok - ..." / "not ok - ..." per check and "tool: N passed, M failed".
"""

import json
import os
import subprocess
import sys
import tempfile
import traceback

import psycopg

from checks import PG_CONFIG, Checks, dsn, fresh_database, pg_bin

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
# FRAISEQL_TOOL: another build of it (the Debian package test runs the installed one).
TOOL = os.environ.get("FRAISEQL_TOOL", os.path.join(ROOT, "build", "fraiseql-tool"))
HERE = "test/integration/tool"
DATABASE = "fraiseql_tool"

# What validate prints for test/integration/tool/documents, in file path order
# (each position checked by hand; column 57 counts the emoji as two units).
DOCUMENTS_ERRORS = [
    'DIR/broken/deeper/twice.gql:1:7: There can be only one operation named "Twice". (also 3:7)',
    'DIR/broken/deeper/unicode.graphql:1:57: Cannot query field "nickname" on type "User". '
    'Did you mean "firstName" or "lastName"?',
    'DIR/broken/fields.graphql:2:17: Expected value of type "UserWhereInput" not to include unknown field "emial". '
    'Did you mean "email"? Found: { emial: { eq: "x" } }.',
    'DIR/broken/fields.graphql:4:5: Cannot query field "emial" on type "User". Did you mean "email"?',
    'DIR/broken/fields.graphql:6:12: Expected value of type "UUID", found: 1.',
    'DIR/broken/syntax.graphql:3:1: Syntax Error: Expected Name, found <EOF>.',
]


def tool(*args):
    return subprocess.run([TOOL, *args], capture_output=True, text=True, cwd=ROOT)


def psql(*args, stdin=None):
    return subprocess.run([pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, *args],
                          input=stdin, capture_output=True, text=True, check=True).stdout


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def load(conn, sql_file, sdl_file):
    """A fresh database with the extension, `sql_file` run and `sdl_file` loaded."""
    conn.close()
    fresh_database(DATABASE)
    psql("-c", "CREATE EXTENSION fraiseql")
    psql(stdin=read(sql_file))
    conn = psycopg.connect(dsn(DATABASE), autocommit=True)
    conn.execute("SELECT fraiseql.load_schema(%s)", (read(sdl_file),))
    return conn


def check_print_schema(c, conn, sql_file, sdl_file):
    conn = load(conn, sql_file, sdl_file)
    stored = conn.execute("SELECT fraiseql.schema_sdl()").fetchone()[0]
    r = tool("print-schema", sdl_file)
    c.check(r.returncode == 0, sdl_file + ": print-schema exits 0", r.stderr)
    c.check(r.stdout == stored + "\n", sdl_file + ": print-schema is schema_sdl() byte for byte",
            first_difference(r.stdout, stored + "\n"))
    c.check(r.stdout == psql("-At", "-c", "SELECT fraiseql.schema_sdl()"),
            sdl_file + ": print-schema is what psql -At prints")
    c.check(r.stderr.count("not looked up") == 1 and "usage" not in r.stderr,
            sdl_file + ": print-schema says once that the catalog is skipped", r.stderr)
    # The printed schema loads again and prints itself.
    with tempfile.NamedTemporaryFile("w", suffix=".graphql", encoding="utf-8") as f:
        f.write(r.stdout)
        f.flush()
        again = tool("print-schema", "-q", f.name)
    c.check(again.returncode == 0 and again.stdout == r.stdout, sdl_file + ": print-schema of its output is itself",
            again.stderr or first_difference(again.stdout, r.stdout))
    return conn


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "at byte {}: {!r} vs {!r}".format(i, a[max(0, i - 40):i + 40], b[max(0, i - 40):i + 40])
    return "lengths {} and {}".format(len(a), len(b)) if len(a) != len(b) else ""


def server_errors(conn, document):
    """(line, column, message) of the request errors fraiseql.execute answers, or []."""
    row = conn.execute("SELECT convert_from(fraiseql.execute(%s), 'UTF8')", (document,)).fetchone()
    response = json.loads(row[0])
    out = []
    for e in response.get("errors", []):
        if e.get("extensions", {}).get("code") in ("GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"):
            loc = e.get("locations") or [{"line": 0, "column": 0}]
            out.append((loc[0]["line"], loc[0]["column"], e["message"]))
    return out


def tool_errors(lines, path):
    """(line, column, message) of validate's lines about `path`."""
    out = []
    for line in lines:
        if not line.startswith(path + ":"):
            continue
        rest = line[len(path) + 1:]
        row, column, message = rest.split(":", 2)
        message = message[1:]
        if message.endswith(")") and " (also " in message:
            message = message[:message.rindex(" (also ")]
        out.append((int(row), int(column), message))
    return out


def check_validate(c, conn):
    docs = HERE + "/documents"
    expected = [line.replace("DIR", docs) for line in DOCUMENTS_ERRORS]
    r = tool("validate", "--schema", "test/demo/schema.graphql", "--query", docs)
    c.check(r.returncode == 1, "validate: exit 1 when a document has errors", r.stderr)
    c.check(r.stdout.splitlines() == expected, "validate: each error once, as file:line:column: message",
            r.stdout)
    c.check("6 errors in 4 of 7 documents" in r.stderr and "usage" not in r.stderr,
            "validate: the summary on stderr, no usage text", r.stderr)
    again = tool("validate", "--schema", "test/demo/schema.graphql", "--query", docs, "--query", "./" + docs,
                 "--query", docs + "/broken/fields.graphql")
    c.check(again.stdout == r.stdout and again.returncode == 1, "validate: files named twice are checked once",
            again.stdout)
    valid = tool("validate", "--schema", "test/demo/schema.graphql", "--query", docs + "/posts", "--query",
                 docs + "/users.graphql")
    c.check(valid.returncode == 0 and valid.stdout == "" and "3 documents, no error" in valid.stderr,
            "validate: exit 0 and nothing on stdout when every document is valid", valid.stdout + valid.stderr)
    lines = r.stdout.splitlines()
    for dirpath, _dirs, files in sorted(os.walk(os.path.join(ROOT, docs))):
        for name in sorted(files):
            if not name.endswith((".graphql", ".gql")):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), ROOT)
            mine = tool_errors(lines, path)
            theirs = server_errors(conn, read(path))
            c.check(mine == theirs, "validate agrees with fraiseql.execute on " + path,
                    "tool {} server {}".format(mine, theirs))


def check_schema_errors(c, conn):
    sdl = 'type User @view(name: "demo.v_user") {\n  id: UUID!\n  friend: Friend\n}\n\ntype Query {\n  users: [User!]!\n}\n'
    with tempfile.NamedTemporaryFile("w", suffix=".graphql", encoding="utf-8") as f:
        f.write(sdl)
        f.flush()
        printed = tool("print-schema", f.name)
        checked = tool("validate", "--schema", f.name, "--query", HERE + "/documents/users.graphql")
    try:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
        raised = ""
    except psycopg.Error as e:
        raised = e.diag.message_primary or ""
    want = f.name + ':3:11: Unknown type "Friend".\n'
    c.check(printed.returncode == 2 and printed.stdout == "" and printed.stderr == want,
            "a schema that does not build: exit 2, its error by position, no usage", printed.stderr)
    c.check(checked.returncode == 2 and checked.stderr == want, "validate with that schema: exit 2, the same error",
            checked.stderr)
    c.check(raised == 'invalid GraphQL schema: line 3, column 11: Unknown type "Friend".',
            "load_schema raises the same error at the same place", raised)


def check_catalog_skipped(c, conn):
    """A view the database lacks: load_schema refuses the SDL, the tool (which
    does not look views up, and says so) prints it."""
    sdl = 'type Ghost @view(name: "demo.v_missing") {\n  id: ID!\n}\n\ntype Query {\n  ghosts: [Ghost!]!\n}\n'
    with tempfile.NamedTemporaryFile("w", suffix=".graphql", encoding="utf-8") as f:
        f.write(sdl)
        f.flush()
        printed = tool("print-schema", f.name)
    try:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
        raised = ""
    except psycopg.Error as e:
        raised = e.diag.message_primary or ""
    c.check(printed.returncode == 0 and "type Ghost @view(name: \"demo.v_missing\")" in printed.stdout
            and "not looked up" in printed.stderr, "print-schema does not look views up, and says so", printed.stderr)
    c.check(raised.startswith("GraphQL schema does not fit the database"), "load_schema does", raised)


def check_install(c):
    bindir = subprocess.run([PG_CONFIG, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as dest:
        r = subprocess.run(["make", "-s", "install", "DESTDIR=" + dest, "PG_CONFIG=" + PG_CONFIG], cwd=ROOT,
                           capture_output=True, text=True)
        installed = dest + os.path.join(bindir, "fraiseql-tool")
        ok = r.returncode == 0 and os.access(installed, os.X_OK)
        c.check(ok, "make install puts fraiseql-tool in PostgreSQL's bindir", r.stderr[-2000:])
        if ok:
            helped = subprocess.run([installed, "--help"], capture_output=True, text=True)
            c.check(helped.returncode == 0 and "Exit status:" in helped.stdout, "the installed tool runs")


def main():
    c = Checks()
    conn = None
    try:
        conn = psycopg.connect(dsn("postgres"), autocommit=True)
        conn = check_print_schema(c, conn, "test/demo/schema.sql", "test/demo/schema.graphql")
        check_validate(c, conn)
        check_schema_errors(c, conn)
        check_catalog_skipped(c, conn)
        conn = check_print_schema(c, conn, HERE + "/rich.sql", HERE + "/rich.graphql")
        check_install(c)
    except Exception:
        traceback.print_exc()
        c.check(False, "the suite ran to its end")
    finally:
        if conn is not None:
            conn.close()
    return c.summary("tool")


if __name__ == "__main__":
    sys.exit(main())
