#!/usr/bin/python3
"""test_backup.py: a backup keeps the API (issue 14, defect 6).

Against the cluster of test/scripts/cluster.sh (PGHOST = its socket directory,
PGPORT, PGUSER; pg_dump, pg_restore, psql, initdb, pg_ctl and pg_upgrade from
PG_CONFIG's bindir; run as root, which runs the extra servers as postgres):
a source database with the demo schema and data, a loaded GraphQL schema
(loaded twice, so its version is 2) and a persisted query answers a set of
requests (queries with variables, a connection, introspection, errors, a
persisted query, mutations inside a transaction that is rolled back, so every
database stays a copy of the source). Then each of
- plain format: pg_dump | psql (ON_ERROR_STOP) into an empty database;
- custom format: pg_dump -Fc, pg_restore --exit-on-error into an empty database;
- data only, plain: into a database where CREATE EXTENSION fraiseql ran and the
  demo schema's definitions were restored (pg_dump --schema-only -n demo);
- data only, custom, pg_restore --disable-triggers: the same, and a session
  opened (and refused for want of a schema) before the restore, which then
  sees the row deleted and restored alone with the trigger disabled;
- pg_upgrade (15 to 15, copy mode) of a second cluster set up the same way
  (which keeps the tables registered for pg_dump);
must give a schema_sdl() and a stored row (text and version) identical to the
source's, the same persisted queries, byte-identical responses, and a next
load_schema whose version is above the restored one (the sequence came along).
Everything started here is stopped and removed in a finally block, also on
SIGTERM/SIGINT. Prints "ok - ..." / "not ok - ..." per check and
"backup: N passed, M failed".
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import traceback

import psycopg

from checks import Checks, exit_on_signals, free_port, pg_bin, postgres_tempdir

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SOURCE = "fraiseql_backup_source"
USER = os.environ.get("PGUSER", "postgres")
MAIN = (os.environ.get("PGHOST", ""), os.environ.get("PGPORT", ""))

ADA = "00000000-0000-4000-8000-000000000001"
PERSISTED = "query P($id: UUID!) { user(id: $id) { firstName posts { title } } }"
CREATE_POST = ("mutation Create($input: CreatePostInput!) { createPost(input: $input) { __typename "
               "... on CreatePostSuccess { message post { title published author { firstName } } } "
               "... on CreatePostError { code status message } } }")

# (name, expected kind of the first step: "data" or an error code, steps). A
# step is (function, first argument, variables, operation name, context); the
# steps of a request run in one transaction that is rolled back.
REQUESTS = [
    ("list", "data", [("execute", "{ users { id email firstName lastName createdAt } }", None, None, None)]),
    ("one row by variable, nested lists", "data",
     [("execute", "query Q($id: UUID!) { user(id: $id) { __typename email posts { title published comments { body } } } }",
       {"id": ADA}, "Q", None)]),
    ("aliases, limit and offset", "data",
     [("execute", "{ recent: posts(limit: 2) { headline: title writtenBy: author { email } } fourth: users(offset: 3) "
       "{ firstName } }", None, None, None)]),
    ("where and orderBy", "data",
     [("execute", "query Q($e: String) { users(where: {OR: [{email: {eq: $e}}, {NOT: {lastName: {isnull: false}}}]}, "
       "orderBy: [{createdAt: DESC}]) { email } }", {"e": "grace@example.com"}, None, None)]),
    ("connection, first page", "data",
     [("execute", "{ usersConnection(first: 2, orderBy: [{createdAt: DESC}]) { totalCount edges { cursor node { email } } "
       "pageInfo { hasNextPage endCursor } } }", None, None, None)]),
    ("introspection of one type", "data",
     [("execute", "{ __type(name: \"Post\") { name fields { name type { kind name ofType { name } } } } }", None, None, None)]),
    ("persisted query", "data", [("execute_persisted", None, {"id": ADA}, None, None)]),
    ("unknown persisted query", "PERSISTED_QUERY_NOT_FOUND", [("execute_persisted", "0" * 64, None, None, None)]),
    ("syntax error", "GRAPHQL_PARSE_FAILED", [("execute", "{ users { email }", None, None, None)]),
    ("validation error", "GRAPHQL_VALIDATION_FAILED", [("execute", "{ users { emial } }", None, None, None)]),
    ("variable error", "BAD_USER_INPUT",
     [("execute", "query Q($id: UUID!) { user(id: $id) { email } }", {"id": "not-a-uuid"}, None, None)]),
    ("mutation, then a read in the same transaction", "data",
     [("execute", CREATE_POST, {"input": {"title": "Hello from a mutation", "body": "Kept?"}}, "Create", {"user_id": ADA}),
      ("execute", "{ posts { title published author { email } } }", None, None, None)]),
    ("mutation refused by the function", "data",
     [("execute", CREATE_POST, {"input": {"title": "Hi"}}, None, {"user_id": ADA})]),
]


def run(args, input=None, cwd=None):
    """Runs a program; its stderr is in the exception when it fails. In a
    process group of its own, ended whole if this test is interrupted: runuser
    does not pass a signal on to pg_upgrade and the servers it runs."""
    with subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(input)
        except BaseException:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                    proc.wait(timeout=10)
                    break
                except ProcessLookupError:
                    break
                except subprocess.TimeoutExpired:
                    continue
            raise
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(args[:3]), proc.returncode, err.decode("utf-8", "replace")[-2000:]))
    return out


def as_postgres(args, **kw):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return run(args, **kw)


def conninfo(server, dbname):
    return "host={} port={} user={} dbname={}".format(server[0], server[1], USER, dbname)


def client(server, dbname):
    return ["-h", server[0], "-p", str(server[1]), "-U", USER, "-d", dbname]


def psql(server, dbname, *args, stdin=None):
    return run([pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", *client(server, dbname), *args], input=stdin)


def create_database(server, dbname):
    psql(server, "postgres", "-c", "DROP DATABASE IF EXISTS " + dbname)
    psql(server, "postgres", "-c", "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'" % dbname)


def set_up_source(server):
    """The demo database, a schema loaded twice (the first one different) and a persisted query."""
    create_database(server, SOURCE)
    psql(server, SOURCE, "-c", "CREATE EXTENSION fraiseql")
    with open(os.path.join(ROOT, "test/demo/schema.sql"), "rb") as f:
        psql(server, SOURCE, stdin=f.read())
    with open(os.path.join(ROOT, "test/demo/schema.graphql")) as f:
        sdl = f.read()
    with psycopg.connect(conninfo(server, SOURCE), autocommit=True) as conn:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl.replace("users: [User!]!", "members: [User!]!"),))
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
        conn.execute("SELECT fraiseql.persist(%s)", (PERSISTED,))


def persisted_hash(conn):
    return conn.execute("SELECT hash FROM fraiseql.persisted_query WHERE query = %s", (PERSISTED,)).fetchone()[0]


def responses(server, dbname):
    """Each request's response bytes (steps joined by a newline); a raised error becomes its SQLSTATE and message."""
    out = []
    with psycopg.connect(conninfo(server, dbname), autocommit=True) as conn:
        for _, _, steps in REQUESTS:
            parts = []
            try:
                with conn.transaction(force_rollback=True):
                    for function, first, variables, operation, context in steps:
                        if function == "execute_persisted" and first is None:
                            first = persisted_hash(conn)
                        row = conn.execute("SELECT fraiseql.%s(%%s, %%s::jsonb, %%s, %%s::jsonb)" % function,
                                           (first, None if variables is None else json.dumps(variables), operation,
                                            None if context is None else json.dumps(context))).fetchone()
                        parts.append(bytes(row[0]))
            except psycopg.Error as e:
                parts.append(("raised %s: %s" % (e.sqlstate, e)).encode("utf-8"))
            out.append(b"\n".join(parts))
    return out


def kind(body):
    try:
        response = json.loads(body.split(b"\n")[0].decode("utf-8"))
    except ValueError:
        return body[:200].decode("utf-8", "replace")
    if "errors" in response:
        return response["errors"][0]["extensions"]["code"]
    return "data" if response.get("data") else "empty"


def state(server, dbname):
    """What the extension keeps: the effective SDL, the stored row, the persisted queries."""
    with psycopg.connect(conninfo(server, dbname), autocommit=True) as conn:
        return {
            "schema_sdl": conn.execute("SELECT fraiseql.schema_sdl()").fetchone()[0],
            "stored": conn.execute("SELECT sdl, version, loaded_at FROM fraiseql.schema").fetchall(),
            "persisted": conn.execute("SELECT hash, query, created_at FROM fraiseql.persisted_query ORDER BY hash").fetchall(),
        }


def next_version(server, dbname):
    """The version a load_schema would store now (loaded in a transaction that is rolled back)."""
    with psycopg.connect(conninfo(server, dbname), autocommit=True) as conn:
        with conn.transaction(force_rollback=True):
            conn.execute("SELECT fraiseql.load_schema(sdl) FROM fraiseql.schema")
            row = conn.execute("SELECT version FROM fraiseql.schema").fetchone()
            return None if row is None else row[0]  # no row: nothing was loaded


class Suite(Checks):
    def restored(self, where, source, server, dbname):
        """Compares a restored database with the source's state and responses."""
        got = state(server, dbname)
        self.check(got["schema_sdl"] is not None and got["schema_sdl"] == source["state"]["schema_sdl"],
                   where + ": schema_sdl() is byte-identical", repr(got["schema_sdl"])[:300])
        self.check(got["stored"] == source["state"]["stored"], where + ": the stored schema row (text, version, loaded_at) came along",
                   repr([(len(r[0]), r[1], r[2]) for r in got["stored"]]))
        self.check(got["persisted"] == source["state"]["persisted"], where + ": the persisted queries came along",
                   repr(got["persisted"])[:300])
        answers = responses(server, dbname)
        for i, (name, _, _) in enumerate(REQUESTS):
            self.check(answers[i] == source["responses"][i], "%s, same bytes: %s" % (where, name),
                       "source %r, restored %r" % (source["responses"][i][:200], answers[i][:200]))
        version = next_version(server, dbname)
        self.check(version is not None and version > source["state"]["stored"][0][1],
                   "%s: the next load_schema stores a version above the restored %d" % (
                       where, source["state"]["stored"][0][1]), "got %r" % version)


def capture(suite, server, where):
    """The source's state and responses, with checks that they are what the demo gives."""
    source = {"state": state(server, SOURCE), "responses": responses(server, SOURCE)}
    suite.check(source["state"]["schema_sdl"] is not None and len(source["state"]["stored"]) == 1
                and source["state"]["stored"][0][1] == 2 and len(source["state"]["persisted"]) == 1,
                where + ": the source has a schema (version 2) and one persisted query", repr(source["state"])[:300])
    for (name, expected, _), body in zip(REQUESTS, source["responses"]):
        suite.check(kind(body) == expected, "%s: %s gives %s" % (where, name, expected), body[:300].decode("utf-8", "replace"))
    mutation = source["responses"][[r[0] for r in REQUESTS].index("mutation, then a read in the same transaction")]
    suite.check(mutation.count(b'"title":"Hello from a mutation"') == 2,
                where + ": the mutation's post is in its response and in the read after it", repr(mutation[:400]))
    return source


def dump(server, *options):
    return run([pg_bin("pg_dump"), *options, *client(server, SOURCE)])


def restore_plain(server, dbname, script):
    psql(server, dbname, stdin=script)


def restore_custom(server, dbname, archive, *options):
    run([pg_bin("pg_restore"), "--exit-on-error", *options, *client(server, dbname)], input=archive)


def prepare_for_data(server, dbname):
    """A database where CREATE EXTENSION fraiseql ran and the demo's definitions (no rows) exist."""
    create_database(server, dbname)
    psql(server, dbname, "-c", "CREATE EXTENSION fraiseql")
    restore_plain(server, dbname, dump(server, "--schema-only", "-n", "demo"))
    with psycopg.connect(conninfo(server, dbname), autocommit=True) as conn:
        return conn.execute("SELECT fraiseql.schema_sdl()").fetchone()[0]


def view_oid(server, dbname):
    with psycopg.connect(conninfo(server, dbname), autocommit=True) as conn:
        return conn.execute("SELECT 'demo.v_user'::regclass::oid").fetchone()[0]


def restore_full_plain(suite, source, db):
    create_database(MAIN, db)
    restore_plain(MAIN, db, dump(MAIN, "-Fp"))
    suite.restored("plain dump", source, MAIN, db)


def restore_full_custom(suite, source, db):
    create_database(MAIN, db)
    restore_custom(MAIN, db, dump(MAIN, "-Fc"))
    suite.restored("custom dump", source, MAIN, db)


def restore_data_plain(suite, source, db):
    empty = prepare_for_data(MAIN, db)
    suite.check(empty is None, "data-only, plain: no schema before the data is restored", repr(empty)[:200])
    restore_plain(MAIN, db, dump(MAIN, "-Fp", "--data-only"))
    suite.restored("data-only, plain", source, MAIN, db)


def first_answer(conn):
    """The first request's response, or the error it raised (as bytes)."""
    try:
        return bytes(conn.execute("SELECT fraiseql.execute(%s)", (REQUESTS[0][2][0][1],)).fetchone()[0])
    except psycopg.Error as e:
        return str(e).encode("utf-8")


def restore_data_custom(suite, source, db):
    prepare_for_data(MAIN, db)
    # A session that asked before the restore, with the table's trigger off
    # during it (--disable-triggers): it must not keep answering "no schema".
    with psycopg.connect(conninfo(MAIN, db), autocommit=True) as early:
        refused = b"no GraphQL schema is loaded"
        before = first_answer(early)
        suite.check(before.startswith(refused), "data-only, custom: a session refused before the restore", repr(before))
        restore_custom(MAIN, db, dump(MAIN, "-Fc", "--data-only"), "--data-only", "--disable-triggers")
        first = first_answer(early)
        suite.check(first == source["responses"][0], "data-only, custom: that open session answers from the restored schema",
                    repr(first[:200]))
        # With the trigger off, the ALTER TABLEs around a change are what tells
        # the other backends: that session (its schema now built) must see the
        # row go, and come back from the archive.
        archive = dump(MAIN, "-Fc", "--data-only", "-n", "fraiseql", "-t", "fraiseql.schema")
        with psycopg.connect(conninfo(MAIN, db), autocommit=True) as other:
            other.execute("ALTER TABLE fraiseql.schema DISABLE TRIGGER ALL")
            other.execute("DELETE FROM fraiseql.schema")
            other.execute("ALTER TABLE fraiseql.schema ENABLE TRIGGER ALL")
        gone = first_answer(early)
        suite.check(gone.startswith(refused), "data-only, custom: that session sees the row deleted with the trigger disabled",
                    repr(gone))
        restore_custom(MAIN, db, archive, "--data-only", "--disable-triggers")
        again = first_answer(early)
        suite.check(again == source["responses"][0],
                    "data-only, custom: and the schema row restored alone with --disable-triggers", repr(again[:200]))
    suite.restored("data-only, custom, --disable-triggers", source, MAIN, db)


def test_dumps(suite, source):
    """Each target on its own: one that raises does not hide the others."""
    views = {SOURCE: view_oid(MAIN, SOURCE)}
    for restore, db in ((restore_full_plain, "fraiseql_backup_plain"), (restore_full_custom, "fraiseql_backup_custom"),
                        (restore_data_plain, "fraiseql_backup_data_plain"),
                        (restore_data_custom, "fraiseql_backup_data_custom")):
        try:
            restore(suite, source, db)
            if restore in (restore_full_plain, restore_full_custom):
                views[db] = view_oid(MAIN, db)
        except Exception:
            traceback.print_exc()
            suite.check(False, db + ": raised")
    # The restored views are other catalog objects: the schema found them by name.
    suite.check(len(set(views.values())) == len(views), "restored views have new OIDs (%s)" % ", ".join(
        "%s %s" % (k, v) for k, v in views.items()))


class Upgrade:
    """Two clusters in a temporary directory for pg_upgrade; stop() ends both and removes it."""

    def __init__(self):
        self.dir = postgres_tempdir("fraiseql-backup.")
        self.old = os.path.join(self.dir, "old")
        self.new = os.path.join(self.dir, "new")

    def initdb(self, data):
        as_postgres([pg_bin("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-D", data])

    def start(self, data):
        port = free_port()
        as_postgres([pg_bin("pg_ctl"), "-D", data, "-w", "-t", "60", "-l", data + ".log",
                     "-o", "-p %d -k %s -c listen_addresses='' -c fsync=off" % (port, self.dir), "start"])
        return (self.dir, port)

    def stop_server(self, data, mode="fast"):
        # pg_upgrade needs the old cluster shut down cleanly (fast); clean-up need not.
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            as_postgres([pg_bin("pg_ctl"), "-D", data, "-m", mode, "-w", "stop"])

    def upgrade(self):
        # pg_upgrade writes its logs into the current directory.
        as_postgres([pg_bin("pg_upgrade"), "-b", pg_bin(""), "-B", pg_bin(""), "-d", self.old, "-D", self.new,
                     "-U", "postgres", "-p", str(free_port()), "-P", str(free_port()), "-s", self.dir], cwd=self.dir)

    def stop(self):
        for data in (self.old, self.new):
            try:
                self.stop_server(data, "immediate")
            except RuntimeError as e:
                print("# stopping %s failed: %s" % (data, e))
        shutil.rmtree(self.dir, ignore_errors=True)


def extension_config(server):
    """The tables and sequences pg_dump dumps with the extension."""
    with psycopg.connect(conninfo(server, SOURCE), autocommit=True) as conn:
        return conn.execute("SELECT extconfig::regclass[]::text[] FROM pg_extension WHERE extname = 'fraiseql'").fetchone()[0]


def test_upgrade(suite, reference):
    clusters = Upgrade()
    try:
        clusters.initdb(clusters.old)
        server = clusters.start(clusters.old)
        set_up_source(server)
        source = capture(suite, server, "before pg_upgrade")
        suite.check(source["responses"] == reference["responses"],
                    "before pg_upgrade: the second cluster answers like the first")
        registered = extension_config(server)
        suite.check("fraiseql.schema" in registered, "before pg_upgrade: fraiseql.schema is registered for pg_dump",
                    repr(registered))
        clusters.stop_server(clusters.old)
        clusters.initdb(clusters.new)
        clusters.upgrade()
        server = clusters.start(clusters.new)
        suite.restored("pg_upgrade", source, server, SOURCE)
        moved = extension_config(server)
        suite.check(moved == registered, "pg_upgrade: the tables stay registered for pg_dump (%s)" % ", ".join(moved),
                    repr(moved))
    finally:
        clusters.stop()


def main():
    suite = Suite()
    exit_on_signals()
    try:
        set_up_source(MAIN)
        reference = capture(suite, MAIN, "source")
        for name, body in (("dump and restore", lambda: test_dumps(suite, reference)),
                           ("pg_upgrade", lambda: test_upgrade(suite, reference))):
            try:
                body()
            except Exception:
                traceback.print_exc()
                suite.check(False, name + ": raised")
    except Exception:
        traceback.print_exc()
        suite.check(False, "set-up")
    return suite.summary("backup")


if __name__ == "__main__":
    sys.exit(main())
