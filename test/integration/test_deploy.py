#!/usr/bin/python3
"""test_deploy.py: the same bytes on a hot standby and through pgbouncer (issue 10, point 6).

Against the cluster of test/scripts/cluster.sh (PGHOST = its socket directory,
PGPORT, PGUSER; run as root, which starts the extra servers as postgres):
- a streaming replica: pg_basebackup -R of the cluster into a temporary
  directory, started with hot_standby on a free port; once the demo schema and
  data have replayed, every request returns byte-identical responses on the
  primary and the standby, and a load_schema on the primary reaches a standby
  session that is already open;
- pgbouncer (Debian's) in transaction pool mode, 2 server connections, in front
  of the primary: the same requests through 4 psycopg connections (extended
  protocol, no named prepared statements), asyncpg with statement_cache_size=0,
  psql (simple protocol) and inside explicit transactions give the same bytes.
Everything started here is stopped in a finally block, also on SIGTERM/SIGINT.
Prints "ok - ..." / "not ok - ..." per check and "deploy: N passed, M failed".
"""

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import traceback

import asyncpg
import psycopg

from checks import Checks, exit_on_signals, free_port, pg_bin, postgres_tempdir

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATABASE = "fraiseql_deploy"
EXECUTE = "SELECT fraiseql.execute($1, $2::jsonb, $3)"

ADA = "00000000-0000-4000-8000-000000000001"

# (name, query, variables, operation name, expected kind: "data" or an error code)
REQUESTS = [
    ("list", "{ users { id email firstName lastName createdAt } }", None, None, "data"),
    ("single row by variable, nested lists", "query Q($id: UUID!) { user(id: $id) { email posts { title comments { body } } } }",
     {"id": ADA}, "Q", "data"),
    ("aliases and nested object", "{ p: posts { t: title by: author { e: email f: firstName } } }", None, None, "data"),
    ("where with a variable", "query Q($e: String) { users(where: {email: {eq: $e}}) { firstName } }",
     {"e": "grace@example.com"}, None, "data"),
    ("where OR and NOT", "{ users(where: {OR: [{firstName: {startswith: \"A\"}}, {NOT: {lastName: {isnull: false}}}]}) { email } }",
     None, None, "data"),
    ("orderBy, limit and offset from variables",
     "query Q($n: Int, $o: Int) { users(orderBy: [{createdAt: DESC}], limit: $n, offset: $o) { email createdAt } }",
     {"n": 2, "o": 1}, None, "data"),
    ("fragments and __typename", "query { posts { ...P } } fragment P on Post { __typename title published }", None, None,
     "data"),
    ("operation chosen by name", "query A { users { id } } query B { posts { id } }", None, "B", "data"),
    ("a missing row is null", "query Q($id: UUID!) { user(id: $id) { email } }",
     {"id": "00000000-0000-4000-8000-0000000000ff"}, None, "data"),
    ("introspection of one type", "{ __type(name: \"User\") { name fields { name type { kind name ofType { name } } } } }",
     None, None, "data"),
    ("unicode and quotes in values", "query Q($t: String) { posts(where: {title: {contains: $t}}) { title body } }",
     {"t": "\"A-0\""}, None, "data"),
    ("syntax error", "{ users { email }", None, None, "GRAPHQL_PARSE_FAILED"),
    ("validation error", "{ users { emial } }", None, None, "GRAPHQL_VALIDATION_FAILED"),
    ("variable error", "query Q($id: UUID!) { user(id: $id) { email } }", {"id": "not-a-uuid"}, None, "BAD_USER_INPUT"),
    # A bad regular expression fails inside the root field's subtransaction.
    ("database error next to data", "query Q($re: String) { user(id: \"%s\") { email } posts(where: {title: {matches: $re}}) { id } }"
     % ADA, {"re": "(unclosed"}, None, "DATABASE_ERROR"),
]


def as_postgres(args, **kw):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, capture_output=True, text=True, check=True, **kw)


def conninfo(host, port, dbname=DATABASE):
    return "host={} port={} user={} dbname={}".format(host, port, os.environ.get("PGUSER", "postgres"), dbname)


PRIMARY = (os.environ.get("PGHOST", ""), os.environ.get("PGPORT", ""))


def psql(host, port, *args, stdin=None, dbname=DATABASE):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", str(port), "-d", dbname, *args],
                          input=stdin, capture_output=True, text=True, check=True).stdout


def set_up_primary():
    host, port = PRIMARY
    psql(host, port, "-c", "DROP DATABASE IF EXISTS " + DATABASE, dbname="postgres")
    psql(host, port, "-c", "CREATE DATABASE " + DATABASE, dbname="postgres")
    psql(host, port, "-c", "CREATE EXTENSION fraiseql")
    with open(os.path.join(ROOT, "test/demo/schema.sql")) as f:
        psql(host, port, stdin=f.read())
    with open(os.path.join(ROOT, "test/demo/schema.graphql")) as f:
        sdl = f.read()
    with psycopg.connect(conninfo(host, port), autocommit=True) as conn:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
    return sdl


class Servers:
    """The standby and pgbouncer started by this test; stop() ends both."""

    def __init__(self):
        self.dir = postgres_tempdir("fraiseql-deploy.")
        self.standby_port = None
        self.standby_data = os.path.join(self.dir, "standby")
        self.bouncer_port = None
        self.bouncer_pidfile = os.path.join(self.dir, "pgbouncer.pid")

    def start_standby(self):
        host, port = PRIMARY
        as_postgres([pg_bin("pg_basebackup"), "-h", host, "-p", str(port), "-U", "postgres", "-D", self.standby_data,
                     "-R", "-X", "stream", "-c", "fast"])
        self.standby_port = free_port()
        as_postgres([pg_bin("pg_ctl"), "-D", self.standby_data, "-w", "-t", "60", "-l", os.path.join(self.dir, "standby.log"),
                     "-o", "-p %d -k %s -c listen_addresses='' -c hot_standby=on" % (self.standby_port, self.dir), "start"])

    def start_bouncer(self):
        host, port = PRIMARY
        self.bouncer_port = free_port()
        ini = os.path.join(self.dir, "pgbouncer.ini")
        users = os.path.join(self.dir, "userlist.txt")
        with open(users, "w") as f:
            f.write('"%s" ""\n' % os.environ.get("PGUSER", "postgres"))
        with open(ini, "w") as f:
            f.write("""[databases]
{db} = host={host} port={port} dbname={db}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen}
unix_socket_dir =
auth_type = trust
auth_file = {users}
pool_mode = transaction
default_pool_size = 2
max_client_conn = 50
ignore_startup_parameters = extra_float_digits
logfile = {dir}/pgbouncer.log
pidfile = {pidfile}
""".format(db=DATABASE, host=host, port=port, listen=self.bouncer_port, users=users, dir=self.dir,
                pidfile=self.bouncer_pidfile))
        if os.getuid() == 0:
            for path in (ini, users):
                shutil.chown(path, "postgres", "postgres")
        as_postgres(["pgbouncer", "-d", ini])  # refuses to run as root, hence postgres
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.bouncer_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("pgbouncer did not start: " + self.log("pgbouncer.log"))

    def log(self, name):
        try:
            with open(os.path.join(self.dir, name)) as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def stop(self):
        try:
            with open(self.bouncer_pidfile) as f:
                pid = int(f.read().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                os.kill(pid, 0)
                time.sleep(0.1)
        except (OSError, ValueError):
            pass  # not started, or gone
        if os.path.exists(os.path.join(self.standby_data, "postmaster.pid")):
            try:
                as_postgres([pg_bin("pg_ctl"), "-D", self.standby_data, "-m", "immediate", "-w", "stop"])
            except subprocess.CalledProcessError as e:
                print("# standby stop failed: " + e.stderr)
        shutil.rmtree(self.dir, ignore_errors=True)


def through_psycopg(host, port, prepare):
    """Each request on one connection; prepare: psycopg's prepare_threshold (None: never prepare)."""
    out = []
    with psycopg.connect(conninfo(host, port), autocommit=True, prepare_threshold=prepare) as conn:
        for _ in range(2 if prepare is not None else 1):  # twice when preparing: the second run uses the statement
            out = []
            for _, query, variables, operation, _ in REQUESTS:
                row = conn.execute("SELECT fraiseql.execute(%s, %s::jsonb, %s)",
                                   (query, None if variables is None else json.dumps(variables), operation)).fetchone()
                out.append(bytes(row[0]))
    return out


def through_psycopg_transactions(host, port):
    """Each request inside an explicit transaction, with a second statement in it."""
    out = []
    with psycopg.connect(conninfo(host, port), prepare_threshold=None) as conn:
        for _, query, variables, operation, _ in REQUESTS:
            with conn.transaction():
                row = conn.execute("SELECT fraiseql.execute(%s, %s::jsonb, %s)",
                                   (query, None if variables is None else json.dumps(variables), operation)).fetchone()
                conn.execute("SELECT 1")
            out.append(bytes(row[0]))
    return out


async def through_asyncpg_many(host, port, clients):
    """clients connections, each sending every request, interleaved."""
    conns = [await asyncpg.connect(host=host, port=int(port), user=os.environ.get("PGUSER", "postgres"), database=DATABASE,
                                   statement_cache_size=0) for _ in range(clients)]
    try:
        pids = [set() for _ in conns]

        async def one(n, conn):
            out = []
            for _, q, v, o, _ in REQUESTS:
                out.append(bytes(await conn.fetchval(EXECUTE, q, None if v is None else json.dumps(v), o)))
                pids[n].add(await conn.fetchval("SELECT pg_backend_pid()"))
            return out
        return await asyncio.gather(*(one(n, c) for n, c in enumerate(conns))), pids
    finally:
        for c in conns:
            await c.close()


def through_psql(host, port):
    out = []
    for _, query, variables, operation, _ in REQUESTS:
        text = psql(host, port, "-At", "-v", "q=" + query, "-v", "v=" + ("" if variables is None else json.dumps(variables)),
                    "-v", "o=" + ("" if operation is None else operation),
                    stdin="SELECT encode(fraiseql.execute(:'q', NULLIF(:'v', '')::jsonb, NULLIF(:'o', '')), 'hex');\n")
        out.append(bytes.fromhex(text.strip()))
    return out


def kind(body):
    response = json.loads(body.decode("utf-8"))
    if "errors" in response:
        return response["errors"][0]["extensions"]["code"]
    return "data" if response.get("data") else "empty"


class Suite(Checks):

    def same(self, where, reference, got):
        for i, (name, _, _, _, _) in enumerate(REQUESTS):
            self.check(i < len(got) and got[i] == reference[i], "%s, same bytes: %s" % (where, name),
                       "primary %r, %s %r" % (reference[i][:200], where, got[i][:200] if i < len(got) else None))


def wait_replayed(primary, standby, what):
    lsn = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if standby.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()[0]:
            return
        time.sleep(0.05)
    raise RuntimeError("the standby did not replay " + what)


def test_standby(suite, servers, reference, sdl):
    servers.start_standby()
    host, port = PRIMARY
    with psycopg.connect(conninfo(host, port), autocommit=True) as primary, \
            psycopg.connect(conninfo(servers.dir, servers.standby_port), autocommit=True) as standby:
        suite.check(standby.execute("SELECT pg_is_in_recovery()").fetchone()[0], "the replica is a hot standby")
        wait_replayed(primary, standby, "the set-up")
        suite.same("standby (psycopg)", reference, through_psycopg(servers.dir, servers.standby_port, None))
        suite.same("standby (psql)", reference, through_psql(servers.dir, servers.standby_port))
        # A new schema loaded on the primary reaches a standby session that is already open.
        before = bytes(standby.execute("SELECT fraiseql.execute('{ users { id } }')").fetchone()[0])
        primary.execute("SELECT fraiseql.load_schema(%s)", (sdl.replace("users: [User!]!", "members: [User!]!"),))
        wait_replayed(primary, standby, "the new schema")
        after = bytes(standby.execute("SELECT fraiseql.execute('{ members { id } }')").fetchone()[0])
        gone = json.loads(bytes(standby.execute("SELECT fraiseql.execute('{ users { id } }')").fetchone()[0]))
        suite.check(after == before.replace(b'"users"', b'"members"') and kind(after) == "data"
                    and gone["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED",
                    "a load_schema on the primary reaches an open standby session", repr((before, after, gone)))
        primary.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
        wait_replayed(primary, standby, "the schema again")
        # Writes are refused on the standby; fraiseql reads do not write.
        try:
            standby.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
            refused = None
        except psycopg.Error as e:
            refused = e.sqlstate
        suite.check(refused == "25006", "load_schema on the standby is refused as a read-only transaction (25006)",
                    "sqlstate %s" % refused)
        suite.same("standby after the schema came back", reference, through_psycopg(servers.dir, servers.standby_port, None))
        # A mutation on the standby is a clean GraphQL error, and the session goes on.
        mutation = ("mutation { createPost(input: {title: \"On a standby\"}) { __typename } }")
        body = json.loads(bytes(standby.execute("SELECT fraiseql.execute(%s, NULL, NULL, %s::jsonb)",
                                                (mutation, '{"user_id": "00000000-0000-4000-8000-000000000001"}')
                                                ).fetchone()[0]))
        suite.check("data" not in body and "read-only" in body["errors"][0]["message"],
                    "a mutation on the standby is a request error saying the server is read-only", repr(body))
        suite.same("standby after the refused mutation", reference, through_psycopg(servers.dir, servers.standby_port, None))


def test_bouncer(suite, servers, reference):
    servers.start_bouncer()
    host, port = "127.0.0.1", servers.bouncer_port
    suite.same("pgbouncer (psycopg, no prepared statements)", reference, through_psycopg(host, port, None))
    suite.same("pgbouncer (psycopg, explicit transactions)", reference, through_psycopg_transactions(host, port))
    suite.same("pgbouncer (psql, simple protocol)", reference, through_psql(host, port))
    many, pids = asyncio.run(through_asyncpg_many(host, port, 4))
    for n, got in enumerate(many):
        suite.check(got == reference, "pgbouncer (asyncpg client %d of 4, statement_cache_size=0): all %d responses identical"
                    % (n + 1, len(REQUESTS)),
                    "first difference at %s" % next((REQUESTS[i][0] for i in range(len(got)) if got[i] != reference[i]), None))
    # 4 clients on a pool of 2 server connections: the calls really shared backends.
    servers_used = set().union(*pids)
    suite.check(len(servers_used) <= 2 and sum(len(p) for p in pids) > len(servers_used),
                "pgbouncer ran the 4 clients' calls on %d shared server connections" % len(servers_used), repr(pids))


def main():
    suite = Suite()
    servers = Servers()
    exit_on_signals()
    try:
        sdl = set_up_primary()
        host, port = PRIMARY
        reference = through_psycopg(host, port, None)
        for (name, _, _, _, expected), body in zip(REQUESTS, reference):
            got = kind(body)
            suite.check(got == expected, "primary: %s gives %s" % (name, expected), body.decode("utf-8", "replace")[:300])
        suite.same("primary (psycopg, prepared statements)", reference, through_psycopg(host, port, 0))
        for name, body in (("hot standby", lambda: test_standby(suite, servers, reference, sdl)),
                           ("pgbouncer", lambda: test_bouncer(suite, servers, reference))):
            try:
                body()
            except Exception:
                traceback.print_exc()
                suite.check(False, name + ": raised")
                print(servers.log("standby.log" if name == "hot standby" else "pgbouncer.log"))
    except Exception:
        traceback.print_exc()
        suite.check(False, "set-up")
    finally:
        servers.stop()
    print("deploy: {} passed, {} failed".format(suite.passed, suite.failed))
    return 0 if suite.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
