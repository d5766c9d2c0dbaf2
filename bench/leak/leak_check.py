#!/usr/bin/python3
"""leak_check.py: backend memory over many mixed fraiseql.execute calls (issue 10, point 5).

One connection, so one backend, sends --calls requests, cycling through a mix:
plan-cache hits (fixed documents, with and without variables), hits shared by
documents that differ only in literals, misses (a new document every time, so
the cache keeps evicting once it holds plan_cache_entries), syntax errors,
validation errors, variable errors, and database errors (a division by zero in
the middle of a 200-row list, next to a root field that is answered). Each
response is checked for the kind it must be. The backend's private memory (RssAnon of
/proc/<pid>/status: run as root or the server's user, on the server's machine)
is read after a warm-up (--warmup calls, at least enough to fill the plan cache)
and at the end; fraiseql.cache_stats() must stay within its bounds.

Calls go through libpq's pipeline mode (psycopg), each its own autocommit
statement, so the client's round trips do not dominate.

Uses the server in PGHOST/PGPORT/PGUSER (bench/leak/leak_check.sh starts a
throwaway one). Prints the growth and "leak: N passed, M failed".
"""

import argparse
import json
import os
import sys
import time

import psycopg

DATABASE = "fraiseql_leak"

SET_UP = """
CREATE EXTENSION fraiseql;
CREATE SCHEMA app;
CREATE TABLE app.tb_user (id uuid PRIMARY KEY, email text NOT NULL, score int NOT NULL);
INSERT INTO app.tb_user SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'user' || g || '@example.com', g
FROM generate_series(1, 200) g;
CREATE VIEW app.v_user AS
SELECT id, score, jsonb_build_object('id', id, 'email', email, 'score', score, 'tags', jsonb_build_array('a', g.n)) AS data
FROM app.tb_user, LATERAL (SELECT score % 7 AS n) g;
-- the 100th row divides by zero while its data is built
CREATE VIEW app.v_fragile AS
SELECT id, score, jsonb_build_object('id', id, 'inverse', 1000 / (score - 100)) AS data FROM app.tb_user;
"""

SDL = """
scalar UUID
type User @view(name: "app.v_user") { id: UUID! email: String! score: Int! tags: [String!]! }
type Fragile @view(name: "app.v_fragile") { id: UUID! inverse: Int! }
type Query {
  users: [User!]!
  user(id: UUID!): User
  fragile: [Fragile!]
}
"""

ID = "00000000-0000-4000-8000-%012d"


def mix(i):
    """The i-th request: (query, variables, expected kind)."""
    k = i % 12
    if k == 0:
        return "{ users(limit: 20) { id email tags } }", None, "data"
    if k == 1:
        return "query Q($id: UUID!) { user(id: $id) { email score } }", {"id": ID % (i % 200 + 1)}, "data"
    if k == 2:
        return ("query Q($w: UserWhereInput, $n: Int) { users(where: $w, limit: $n, orderBy: [{score: DESC}]) { score } }",
                {"w": {"score": {"gt": i % 150}}, "n": 5}, "data")
    if k == 3:  # differs from its siblings only in a literal: a shared hit
        return "{ users(limit: %d, offset: %d) { id } }" % (i % 50 + 1, i % 17), None, "data"
    if k == 4:  # a new document every time: a miss, and an eviction once the cache is full
        return "{ u%d: users(limit: 2) { email } }" % i, None, "data"
    if k == 5:
        return "query Miss%d($id: UUID!) { user(id: $id) { id } }" % i, {"id": ID % 3}, "data"
    if k == 6:
        return "{ users(limit: 3) { email", None, "GRAPHQL_PARSE_FAILED"
    if k == 7:
        return "{ users { nope%d } }" % (i % 1000), None, "GRAPHQL_VALIDATION_FAILED"
    if k == 8:
        return "query Q($id: UUID!) { user(id: $id) { email } }", {"id": "not-a-uuid-%d" % i}, "BAD_USER_INPUT"
    if k == 9:
        return "query Q($n: Int) { users(limit: $n) { id } }", {"n": "many"}, "BAD_USER_INPUT"
    if k == 10:
        return "{ user(id: \"%s\") { email } fragile { inverse } }" % (ID % 1), None, "DATABASE_ERROR"
    return "{ users(limit: 100) { id email score tags } }", None, "data"


def kind(body):
    response = json.loads(body)
    if "errors" in response:
        return response["errors"][0]["extensions"]["code"]
    return "data"


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            # RssAnon: the backend's private memory. VmRSS also counts the
            # shared buffers a scan touches, which grows without any leak.
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise RuntimeError("no RssAnon")


def dsn(dbname):
    return "host={} port={} user={} dbname={}".format(
        os.environ["PGHOST"], os.environ["PGPORT"], os.environ.get("PGUSER", "postgres"), dbname)


def set_up():
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS " + DATABASE)
        conn.execute("CREATE DATABASE " + DATABASE)
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute(SET_UP)
        conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))


def run(conn, start, count, batch, wrong):
    """Sends calls start .. start+count-1, batch at a time in one pipeline."""
    sql = "SELECT fraiseql.execute(%s, %s::jsonb)"
    i = start
    end = start + count
    while i < end:
        n = min(batch, end - i)
        requests = [mix(j) for j in range(i, i + n)]
        with conn.pipeline():
            cursors = [conn.execute(sql, (q, None if v is None else json.dumps(v))) for q, v, _ in requests]
        for (q, _, expected), cur in zip(requests, cursors):
            body = bytes(cur.fetchone()[0])
            got = kind(body)
            if got != expected:
                wrong.append((q, expected, body[:300]))
        i += n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000000)
    parser.add_argument("--warmup", type=int, default=0, help="default: max(calls / 10, 30000)")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--max-growth-kb", type=int, default=10 * 1024)
    args = parser.parse_args()
    warmup = args.warmup or max(args.calls // 10, 30000)

    passed = failed = 0

    def check(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok - " + name, flush=True)
        else:
            failed += 1
            print("not ok - " + name + (": " + detail if detail else ""), flush=True)

    set_up()
    wrong = []
    with psycopg.connect(dsn(DATABASE), autocommit=True, prepare_threshold=None) as conn:
        pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        started = time.monotonic()
        print("# backend %d: RssAnon %d kB before any call" % (pid, rss_kb(pid)), flush=True)
        run(conn, 0, warmup, args.batch, wrong)
        base = rss_kb(pid)
        stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
        print("# after %d warm-up calls: RssAnon %d kB; cache %s" % (warmup, base, json.dumps(stats)), flush=True)
        done = 0
        step = max(args.calls // 10, 1)
        peak = base
        while done < args.calls:
            n = min(step, args.calls - done)
            run(conn, warmup + done, n, args.batch, wrong)
            done += n
            now = rss_kb(pid)
            peak = max(peak, now)
            print("# %d calls: RssAnon %d kB (%+d kB), %.0f calls/s" % (done, now, now - base,
                  (warmup + done) / (time.monotonic() - started)), flush=True)
        end = rss_kb(pid)
        stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
        elapsed = time.monotonic() - started
    print("# end: RssAnon %d kB, growth after warm-up %d kB (peak %d kB); %d calls in %.0f s (%.0f calls/s)"
          % (end, end - base, peak, warmup + args.calls, elapsed, (warmup + args.calls) / elapsed))
    print("# cache: %s" % json.dumps(stats))
    for q, expected, body in wrong[:5]:
        print("# expected %s for %r, got %r" % (expected, q, body))
    check(not wrong, "every one of %d responses is of its expected kind (%d wrong)" % (warmup + args.calls, len(wrong)))
    check(end - base < args.max_growth_kb, "backend RssAnon growth after warm-up %d kB < %d kB" % (end - base, args.max_growth_kb))
    check(stats["entries"] <= stats["max_entries"] and stats["bytes"] <= stats["max_bytes"],
          "plan cache within its bounds: %d entries (max %d), %d bytes (max %d)"
          % (stats["entries"], stats["max_entries"], stats["bytes"], stats["max_bytes"]))
    check(stats["evictions"] > 0 and stats["hits"] > 0 and stats["misses"] > 0,
          "the mix evicted (%d), hit (%d, %d shared) and missed (%d)"
          % (stats["evictions"], stats["hits"], stats["shared_hits"], stats["misses"]))
    print("leak: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
