#!/usr/bin/python3
"""test_faults.py: faults around fraiseql.execute (issue 10, point 4).

- statement_timeout and pg_cancel_backend stop a long call (a sleeping view and
  a CPU-bound one) promptly with SQLSTATE 57014, and the session answers the
  next call correctly, in and out of an explicit transaction;
- a root field waiting for a lock: statement_timeout raises 57014, lock_timeout
  is that root field's DATABASE_ERROR (55P03), a deadlock raises 40P01;
- an error in the middle of a large response (the 50,000th row of a view
  divides by zero) gives a clean response: that root field null with one
  DATABASE_ERROR, the other root field answered, valid and small JSON (no
  partial bytes), and the backend's private memory (RssAnon) does not grow over 200 repeats;
- load_schema, alternating between two schemas (and a third one loaded and
  rolled back), while 8 clients call execute for 30 s: no unexpected error,
  never a rolled-back schema, and after the final load_schema commits each
  client's next call sees it;
- out of memory: in a second cluster started with an address-space limit
  (ulimit -v), a 400 MB response raises SQLSTATE 53200 (not a size-limit
  error), in and out of a transaction, and the session answers its next call.

Runs against the cluster of test/scripts/cluster.sh (PGHOST, PGPORT, PGUSER),
in a database of its own; it reads /proc/<backend pid>/status, so it must run
on the server's machine as root or as the server's user.
Prints "ok - ..." / "not ok - ..." per check and "faults: N passed, M failed".
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import psycopg
from psycopg import errors

from checks import Checks

DATABASE = "fraiseql_faults"
CONCURRENCY_SECONDS = float(os.environ.get("FAULTS_CONCURRENCY_SECONDS", "30"))  # issue 10: 30 s
CLIENTS = 8

SET_UP = """
CREATE EXTENSION fraiseql;
CREATE SCHEMA app;
CREATE TABLE app.tb_user (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO app.tb_user VALUES (1, 'ada@example.com'), (2, 'alan@example.com'), (3, 'grace@example.com');
-- the same users under four names, so a response says which schema answered
CREATE VIEW app.v_user_a AS SELECT id, jsonb_build_object('id', id, 'email', email, 'src', 'a') AS data FROM app.tb_user;
CREATE VIEW app.v_user_b AS SELECT id, jsonb_build_object('id', id, 'email', email, 'src', 'b') AS data FROM app.tb_user;
CREATE VIEW app.v_user_rolled_back AS SELECT id, jsonb_build_object('id', id, 'email', email, 'src', 'rolled back') AS data FROM app.tb_user;
CREATE VIEW app.v_user_final AS SELECT id, jsonb_build_object('id', id, 'email', email, 'src', 'final') AS data FROM app.tb_user;
-- a call that sleeps, and one that burns CPU, both far longer than any test waits
CREATE VIEW app.v_slow AS SELECT 1 AS id, jsonb_build_object('id', 1) AS data FROM (SELECT pg_sleep(60)) s;
CREATE VIEW app.v_spin AS
SELECT a.g AS id, jsonb_build_object('id', a.g) AS data
FROM generate_series(1, 3000) a(g), generate_series(1, 3000) b(g), generate_series(1, 3000) c(g) WHERE a.g + b.g + c.g < 0;
-- 100,000 rows; the 50,000th divides by zero while its data is built
CREATE TABLE app.tb_big (id int PRIMARY KEY, label text NOT NULL);
INSERT INTO app.tb_big SELECT g, 'row ' || g FROM generate_series(1, 100000) g;
ANALYZE app.tb_big;
CREATE VIEW app.v_big AS
SELECT id, jsonb_build_object('id', id, 'label', label, 'ratio', 100000 / (id - 50000)) AS data FROM app.tb_big;
"""


def sdl(user_view):
    return """
type User @view(name: "%s") { id: Int! email: String! src: String! }
type Slow @view(name: "app.v_slow") { id: Int! }
type Spin @view(name: "app.v_spin") { id: Int! }
type Big @view(name: "app.v_big") { id: Int! label: String! ratio: Int }
type Query {
  users: [User!]!
  user(id: Int!): User
  slow: [Slow!]!
  spin: [Spin!]!
  bigs: [Big!]
}
""" % user_view


USERS = "{ users { id email } }"
USERS_EXPECTED = {"data": {"users": [{"id": 1, "email": "ada@example.com"}, {"id": 2, "email": "alan@example.com"},
                                     {"id": 3, "email": "grace@example.com"}]}}


def dsn(dbname=DATABASE):
    return "host={} port={} user={} dbname={}".format(
        os.environ["PGHOST"], os.environ["PGPORT"], os.environ.get("PGUSER", "postgres"), dbname)


def connect():
    return psycopg.connect(dsn(), autocommit=True)


def gql(conn, query, variables=None):
    row = conn.execute("SELECT fraiseql.execute(%s, %s::jsonb)",
                       (query, None if variables is None else json.dumps(variables))).fetchone()
    return bytes(row[0])


def gql_json(conn, query, variables=None):
    return json.loads(gql(conn, query, variables).decode("utf-8"))


def set_up():
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS " + DATABASE)
        conn.execute("CREATE DATABASE " + DATABASE)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DATABASE], input=SET_UP, text=True,
                   check=True, capture_output=True)
    with connect() as conn:
        conn.execute("SELECT fraiseql.load_schema(%s)", (sdl("app.v_user_a"),))


def rss_kb(conn, pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            # RssAnon: the backend's private memory. VmRSS also counts the
            # shared buffers a scan touches, which grows without any leak.
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise RuntimeError("no RssAnon for backend %d" % pid)


class Suite(Checks):
    def run(self, name, body):
        """Runs one group; an exception in it is one failure, and the next group still runs."""
        try:
            body()
        except Exception:
            traceback.print_exc()
            self.check(False, name + ": raised")


def expect_cancel(call):
    """Runs call(); returns (sqlstate or None, seconds)."""
    start = time.monotonic()
    try:
        call()
        return None, time.monotonic() - start
    except psycopg.Error as e:
        return e.sqlstate, time.monotonic() - start


def test_statement_timeout(suite):
    with connect() as conn:
        conn.execute("SET statement_timeout = '200ms'")
        for field in ("slow", "spin"):
            state, seconds = expect_cancel(lambda: gql(conn, "{ %s { id } }" % field))
            suite.check(state == "57014" and seconds < 5,
                        "statement_timeout stops a %s view with 57014 in %.2f s" % (field, seconds),
                        "sqlstate %s" % state)
            suite.check(gql_json(conn, USERS) == USERS_EXPECTED, "the same session answers next (after %s)" % field)
        # The plan of the timed-out call is cached: running it again times out again, cleanly.
        state, seconds = expect_cancel(lambda: gql(conn, "{ slow { id } }"))
        suite.check(state == "57014" and seconds < 5, "a cached plan times out again (%.2f s)" % seconds)
        # Inside an explicit transaction: the transaction is aborted, a rollback makes the session usable.
        conn.execute("BEGIN")
        state, seconds = expect_cancel(lambda: gql(conn, "{ slow { id } }"))
        suite.check(state == "57014" and seconds < 5, "statement_timeout inside a transaction: 57014 (%.2f s)" % seconds)
        conn.execute("ROLLBACK")
        conn.execute("RESET statement_timeout")
        suite.check(gql_json(conn, USERS) == USERS_EXPECTED, "the session answers after the rollback")


def test_timeout_memory(suite):
    """Calls stopped by statement_timeout leave nothing behind in the backend:
    with cached documents, and with a new document each time (a plan prepared
    by the call that is then cancelled; the cache is kept small so that it is
    full and evicting before the measurement)."""
    with connect() as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        # JIT compiles the CPU-bound view's expensive plan with LLVM, whose
        # memory (PostgreSQL's, not ours) would hide anything else.
        conn.execute("SET jit = off")
        conn.execute("SET fraiseql.plan_cache_entries = 50")
        conn.execute("SET statement_timeout = '30ms'")

        def rounds(start, n, new_documents):
            stopped = 0
            for i in range(start, start + n):
                if new_documents:
                    query = ("{ s%d: spin { id } }" if i % 2 else "{ w%d: slow { id } }") % i
                else:
                    query = ("{ spin { id } }", "{ slow { id } }")[i % 2]
                state, _ = expect_cancel(lambda: gql(conn, query))
                stopped += state == "57014"
            return stopped

        for new_documents, label in ((False, "cached documents"), (True, "a new document each time")):
            rounds(0, 100, new_documents)  # warm-up (fills the cache)
            before = rss_kb(conn, pid)
            stopped = rounds(100, 300, new_documents)
            after = rss_kb(conn, pid)
            print("# %s: backend RssAnon %d kB before, %d kB after 300 timed-out calls: growth %d kB"
                  % (label, before, after, after - before))
            suite.check(stopped == 300, "300 calls (%s) stopped by a 30 ms statement_timeout (%d with 57014)"
                        % (label, stopped))
            suite.check(after - before < 2048, "backend RssAnon grows by %d kB (< 2 MB) over 300 timed-out calls (%s)"
                        % (after - before, label))
        conn.execute("RESET statement_timeout")
        stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
        suite.check(stats["entries"] <= 50 and stats["evictions"] > 0,
                    "the plan cache stayed within 50 entries, evicting (%s)" % json.dumps(stats))
        suite.check(gql_json(conn, USERS) == USERS_EXPECTED, "the session answers next")


def test_cancel(suite):
    with connect() as victim, connect() as killer:
        pid = victim.execute("SELECT pg_backend_pid()").fetchone()[0]
        for field in ("slow", "spin"):
            result = {}

            def long_call():
                result["state"], result["seconds"] = expect_cancel(lambda: gql(victim, "{ %s { id } }" % field))

            thread = threading.Thread(target=long_call)
            thread.start()
            # Wait until the call is running in the backend, then cancel it.
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                row = killer.execute("SELECT state, query FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
                if row and row[0] == "active" and "fraiseql.execute" in row[1]:
                    break
                time.sleep(0.02)
            time.sleep(0.3)  # well inside the statement
            cancelled_at = time.monotonic()
            killer.execute("SELECT pg_cancel_backend(%s)", (pid,))
            thread.join(30)
            waited = time.monotonic() - cancelled_at
            suite.check(not thread.is_alive() and result.get("state") == "57014" and waited < 5,
                        "pg_cancel_backend stops a %s view with 57014, %.2f s after the cancel" % (field, waited),
                        repr(result))
            suite.check(gql_json(victim, USERS) == USERS_EXPECTED, "the cancelled session answers next (%s)" % field)


def test_locks(suite):
    """A root field waiting for a lock another session holds."""
    with connect() as conn, connect() as holder:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE app.tb_user IN ACCESS EXCLUSIVE MODE")
        conn.execute("SET statement_timeout = '300ms'")
        state, seconds = expect_cancel(lambda: gql(conn, USERS))
        suite.check(state == "57014" and seconds < 5, "statement_timeout while waiting for a lock: 57014 (%.2f s)" % seconds,
                    "sqlstate %s" % state)
        conn.execute("RESET statement_timeout")
        # lock_timeout is not among the errors that must raise: it is the
        # waiting root field's error, and the other root fields are answered.
        conn.execute("SET lock_timeout = '200ms'")
        response = gql_json(conn, "{ user(id: 1) { id } bigs(limit: 1) { id } }")
        conn.execute("RESET lock_timeout")
        errs = response.get("errors", [])
        suite.check(response.get("data") == {"user": None, "bigs": [{"id": 1}]} and len(errs) == 1
                    and errs[0]["path"] == ["user"]
                    and errs[0]["extensions"] == {"code": "DATABASE_ERROR", "sqlstate": "55P03"},
                    "lock_timeout: that root field's DATABASE_ERROR 55P03, the other root field answered", repr(response))
        holder.execute("ROLLBACK")
        # A deadlock between a call and another session raises 40P01 from the
        # call (detected on its side: its deadlock_timeout is the shorter one).
        holder.execute("SET deadlock_timeout = '10s'")
        conn.execute("SET deadlock_timeout = '100ms'")
        conn.execute("BEGIN")
        conn.execute("LOCK TABLE app.tb_big IN ACCESS EXCLUSIVE MODE")
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE app.tb_user IN ACCESS EXCLUSIVE MODE")
        result = {}

        def holder_waits():
            try:
                holder.execute("LOCK TABLE app.tb_big IN ACCESS SHARE MODE")
                result["holder"] = "locked"
            except psycopg.Error as e:
                result["holder"] = e.sqlstate

        holder_pid = holder.execute("SELECT pg_backend_pid()").fetchone()[0]

        def call_when_holder_waits():
            with connect() as watcher:  # the holder must be queued behind our lock on tb_big first
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline and watcher.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (holder_pid,)).fetchone()[0] != "Lock":
                    time.sleep(0.02)
            return gql(conn, USERS)

        thread = threading.Thread(target=holder_waits)
        thread.start()
        state, seconds = expect_cancel(call_when_holder_waits)
        conn.execute("ROLLBACK")
        thread.join(30)
        holder.execute("ROLLBACK")
        suite.check(state == "40P01" and result.get("holder") == "locked",
                    "a deadlock raises 40P01 from execute (%.2f s), the other session goes on" % seconds,
                    "sqlstate %s, holder %r" % (state, result))
        suite.check(gql_json(conn, USERS) == USERS_EXPECTED, "the session answers after the deadlock")


BIG = "{ users { email } bigs { id label ratio } }"


def check_big_response(body):
    response = json.loads(body.decode("utf-8"))
    errs = response.get("errors", [])
    return (len(body) < 2000 and list(response.keys()) == ["errors", "data"]
            and response["data"] == {"users": [{"email": "ada@example.com"}, {"email": "alan@example.com"},
                                               {"email": "grace@example.com"}], "bigs": None}
            and len(errs) == 1 and errs[0]["message"] == "division by zero" and errs[0]["path"] == ["bigs"]
            and errs[0]["extensions"] == {"code": "DATABASE_ERROR", "sqlstate": "22012"})


def test_error_mid_response(suite):
    with connect() as conn:
        # An index scan streams rows in id order, so 49,999 rows reach the
        # response writer before the failing one (a sort would fail first).
        conn.execute("SET enable_sort = off")
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT data FROM app.v_big ORDER BY id").fetchall())
        suite.check("Index Scan" in plan and "Sort" not in plan, "the big view streams in id order", plan)
        # The rows before the failing one are really there.
        head = gql_json(conn, "{ bigs(limit: 49999) { id } }")
        suite.check(len(head["data"]["bigs"]) == 49999 and head["data"]["bigs"][-1] == {"id": 49999},
                    "49,999 rows come before the failing one")
        body = gql(conn, BIG)
        suite.check(check_big_response(body), "an error at row 50,000 gives one clean field error and no partial bytes",
                    body[:500].decode("utf-8", "replace"))
        for _ in range(20):  # warm-up: caches, allocator high-water marks
            gql(conn, BIG)
        before = rss_kb(conn, pid)
        clean = 0
        for _ in range(200):
            if check_big_response(gql(conn, BIG)):
                clean += 1
        after = rss_kb(conn, pid)
        suite.check(clean == 200, "200 repeats give the same clean response (%d clean)" % clean)
        growth = after - before
        print("# backend RssAnon %d kB after warm-up, %d kB after 200 failing 50,000-row calls: growth %d kB"
              % (before, after, growth))
        suite.check(growth < 5 * 1024, "backend RssAnon grows by %d kB (< 5 MB) over 200 failing calls" % growth)
        suite.check(gql_json(conn, USERS) == USERS_EXPECTED, "the session answers next")


def test_concurrent_load_schema(suite):
    stop = threading.Event()
    final_committed = threading.Event()
    lock = threading.Lock()
    problems = []
    calls = [0]
    sources_seen = set()
    after_final = [0] * CLIENTS

    def problem(text):
        with lock:
            if len(problems) < 20:
                problems.append(text)

    def client(n):
        try:
            with connect() as conn:
                while after_final[n] < 3:
                    must_be_final = final_committed.is_set()
                    if n % 2 == 0:
                        response = gql_json(conn, "{ users { src } }")
                    else:  # with a variable: another cached plan
                        response = gql_json(conn, "query Q($n: Int) { users(limit: $n) { src } }", {"n": 2})
                    if must_be_final:
                        after_final[n] += 1
                    if "errors" in response:
                        problem("client %d: %r" % (n, response))
                        continue
                    srcs = {u["src"] for u in response["data"]["users"]}
                    with lock:
                        calls[0] += 1
                        sources_seen.update(srcs)
                    if len(srcs) != 1:
                        problem("client %d: mixed sources %r" % (n, srcs))
                    if must_be_final:
                        if srcs != {"final"}:
                            problem("client %d: stale schema after the final commit: %r" % (n, srcs))
                    elif not srcs <= ({"a", "b", "final"} if stop.is_set() else {"a", "b"}):
                        # (the final schema may answer a call that began as it committed)
                        problem("client %d: unexpected source %r" % (n, srcs))
                    if stop.is_set() and not final_committed.is_set():
                        time.sleep(0.01)
        except Exception as e:
            problem("client %d raised %r" % (n, e))
            after_final[n] = 99

    def rollback_loader():
        try:
            with psycopg.connect(dsn()) as conn:  # not autocommit: every load is rolled back
                while not stop.is_set():
                    conn.execute("SELECT fraiseql.load_schema(%s)", (sdl("app.v_user_rolled_back"),))
                    time.sleep(0.02)
                    conn.rollback()
                    time.sleep(0.05)
        except Exception as e:
            problem("rollback loader raised %r" % e)

    loads = 0
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    threads.append(threading.Thread(target=rollback_loader))
    for t in threads:
        t.start()
    try:
        with connect() as loader:
            deadline = time.monotonic() + CONCURRENCY_SECONDS
            while time.monotonic() < deadline:
                loader.execute("SELECT fraiseql.load_schema(%s)", (sdl("app.v_user_b" if loads % 2 == 0 else "app.v_user_a"),))
                loads += 1
                time.sleep(0.05)
            stop.set()
            time.sleep(0.2)
            loader.execute("SELECT fraiseql.load_schema(%s)", (sdl("app.v_user_final"),))
            final_committed.set()  # load_schema has returned: its autocommit transaction committed
    finally:
        stop.set()
        final_committed.set()
        for t in threads:
            t.join(60)
    print("# %d load_schema commits, %d execute calls by %d clients in %.0f s; sources seen: %s"
          % (loads + 1, calls[0], CLIENTS, CONCURRENCY_SECONDS, sorted(sources_seen)))
    for p in problems:
        print("# " + p)
    suite.check(not problems, "load_schema under 8 concurrent clients: no unexpected error, no stale or rolled-back schema",
                "%d problems" % len(problems))
    suite.check({"a", "b"} <= sources_seen and "rolled back" not in sources_seen,
                "clients saw both alternating schemas and never the rolled-back one")
    suite.check(all(n == 3 for n in after_final), "every client saw the final schema on each call after its commit")


PG_CONFIG = os.environ.get("PG_CONFIG", "/usr/lib/postgresql/15/bin/pg_config")
MEMORY_LIMIT_KB = 500 * 1024  # the address space of each backend of the limited cluster


def as_postgres(command):
    """Runs a shell command as postgres (the test runs as root; initdb refuses root)."""
    if os.getuid() == 0:
        return subprocess.run(["runuser", "-u", "postgres", "--", "bash", "-c", command], check=True,
                              capture_output=True, text=True)
    return subprocess.run(["bash", "-c", command], check=True, capture_output=True, text=True)


def test_out_of_memory(suite):
    bindir = subprocess.run([PG_CONFIG, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    root = tempfile.mkdtemp(prefix="fraiseql-oom.")
    os.chmod(root, 0o755)
    if os.getuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = os.path.join(root, "data")
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    try:
        as_postgres("%s/initdb -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D %s" % (bindir, data))
        # ulimit -v applies to the postmaster and so to every backend it forks.
        as_postgres("ulimit -v %d; %s/pg_ctl -D %s -w -t 60 -l %s/server.log -o \"-p %d -k %s -c listen_addresses='' "
                    "-c shared_buffers=16MB\" start" % (MEMORY_LIMIT_KB, bindir, data, root, port, root))
        with psycopg.connect("host=%s port=%d user=postgres dbname=postgres" % (root, port), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION fraiseql")
            conn.execute("CREATE VIEW v_fat AS SELECT g AS id, jsonb_build_object('id', g, 's', repeat('x', 1000000)) AS data "
                         "FROM generate_series(1, 400) g")
            conn.execute("CREATE VIEW v_small AS SELECT 1 AS id, jsonb_build_object('id', 1) AS data")
            conn.execute("""SELECT fraiseql.load_schema('type Fat @view(name: "public.v_fat") { id: Int! s: String! }
                            type Small @view(name: "public.v_small") { id: Int! }
                            type Query { fats: [Fat!] smalls: [Small!]! }')""")
            small = "{ smalls { id } }"
            ok_small = {"data": {"smalls": [{"id": 1}]}}
            suite.check(gql_json(conn, "{ smalls { id } fats(limit: 2) { id } }")
                        == {"data": {"smalls": [{"id": 1}], "fats": [{"id": 1}, {"id": 2}]}},
                        "limited cluster: a small response is answered")
            for attempt in (1, 2):
                state, seconds = expect_cancel(lambda: gql(conn, "{ smalls { id } fats { id s } }"))
                suite.check(state == "53200", "a 400 MB response over a %d MB address space raises 53200 (attempt %d, %.1f s)"
                            % (MEMORY_LIMIT_KB // 1024, attempt, seconds), "sqlstate %s" % state)
                suite.check(gql_json(conn, small) == ok_small, "the session answers next (attempt %d)" % attempt)
            conn.execute("BEGIN")
            state, _ = expect_cancel(lambda: gql(conn, "{ fats { s } }"))
            suite.check(state == "53200", "out of memory inside a transaction: 53200", "sqlstate %s" % state)
            conn.execute("ROLLBACK")
            suite.check(gql_json(conn, small) == ok_small, "the session answers after the rollback")
    finally:
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            try:
                as_postgres("%s/pg_ctl -D %s -m immediate -w stop" % (bindir, data))
            except subprocess.CalledProcessError as e:
                print("# stopping the limited cluster failed: " + e.stderr)
        shutil.rmtree(root, ignore_errors=True)


def main():
    suite = Suite()
    try:
        set_up()
    except Exception:
        traceback.print_exc()
        suite.check(False, "set-up")
        print("faults: {} passed, {} failed".format(suite.passed, suite.failed))
        return 1
    suite.run("statement_timeout", lambda: test_statement_timeout(suite))
    suite.run("memory after timeouts", lambda: test_timeout_memory(suite))
    suite.run("pg_cancel_backend", lambda: test_cancel(suite))
    suite.run("locks", lambda: test_locks(suite))
    suite.run("error in the middle of a large response", lambda: test_error_mid_response(suite))
    suite.run("concurrent load_schema", lambda: test_concurrent_load_schema(suite))
    suite.run("out of memory", lambda: test_out_of_memory(suite))
    print("faults: {} passed, {} failed".format(suite.passed, suite.failed))
    return 0 if suite.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
