#!/usr/bin/python3
"""test_production.py: issue 19, running fraiseql in production: admission
control from the planner's estimate, per-operation statistics, prewarm and
trace correlation.

Runs its own throwaway cluster with fraiseql in shared_preload_libraries (the
statistics are shared only then), as the postgres user. Prints
"ok - ..." / "not ok - ..." per check and "production: N passed, M failed".
"""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback

import psycopg

from checks import Checks, exit_on_signals, free_port, pg_bin, postgres_tempdir

SCHEMA_SQL = """
CREATE EXTENSION fraiseql;
CREATE SCHEMA prod;
CREATE TABLE prod.tb_item (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO prod.tb_item SELECT i, 'n' || i FROM generate_series(1, 100000) i;
ANALYZE prod.tb_item;
CREATE VIEW prod.v_item AS
SELECT id, name, jsonb_build_object('id', id, 'name', name) AS data FROM prod.tb_item;
-- a row that takes a while to read: a statement to watch in pg_stat_activity
CREATE VIEW prod.v_slow AS
SELECT 1 AS id, jsonb_build_object('id', 1, 'slept', pg_sleep(1.5) IS NOT NULL) AS data;
CREATE VIEW prod.v_fail AS SELECT 1 AS id, jsonb_build_object('id', 1 / (random() * 0)::int) AS data;
SELECT fraiseql.load_schema($$
type Item @view(name: "prod.v_item") { id: Int! name: String! }
type Slow @view(name: "prod.v_slow") { id: Int! slept: Boolean! }
type Fail @view(name: "prod.v_fail") { id: Int! }
type Query {
  items(name: String): [Item!]!
  item(id: Int!): Item
  slow: [Slow!]!
  fail: [Fail!]!
}
$$);
CREATE ROLE limited LOGIN;
GRANT USAGE ON SCHEMA prod TO limited;
GRANT SELECT ON ALL TABLES IN SCHEMA prod TO limited;
ALTER ROLE limited SET fraiseql.max_cost = 1000;
"""

CHEAP = "query Cheap { item(id: 5) { name } }"
EXPENSIVE = "query Both { item(id: 7) { name } items { id } }"


class Server:
    """A cluster in a temporary directory, fraiseql preloaded; stop() removes it."""

    def __init__(self):
        self.dir = postgres_tempdir("fraiseql-production.")
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.run([pg_bin("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-D", self.data])
        self.run([pg_bin("pg_ctl"), "-D", self.data, "-w", "-t", "60", "-l", self.data + ".log", "-o",
                  "-p %d -k %s -c listen_addresses='' -c fsync=off -c shared_preload_libraries=fraiseql "
                  # the leader's pg_stat_xact_user_tables does not count a parallel worker's reads
                  "-c max_parallel_workers_per_gather=0 -c fraiseql.stat_max=100"
                  % (self.port, self.dir), "start"])

    @staticmethod
    def run(command):
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True, text=True)

    def connect(self, user="postgres"):
        return psycopg.connect("host=%s port=%d user=%s dbname=postgres" % (self.dir, self.port, user),
                               autocommit=True)

    def stop(self):
        try:
            self.run([pg_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop"])
        except subprocess.CalledProcessError as e:
            print("# stopping the server failed: %s" % e.stderr)
        shutil.rmtree(self.dir, ignore_errors=True)


def gql(conn, query, variables=None, context=None):
    row = conn.execute("SELECT fraiseql.execute_json(%s, %s::jsonb, NULL, %s::jsonb)",
                       (query, json.dumps(variables) if variables is not None else None,
                        json.dumps(context) if context is not None else None)).fetchone()
    return row[0]


def rows_read(conn):
    """Rows this transaction read from the table, by sequential or index scan."""
    return conn.execute("SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables "
                        "WHERE relname = 'tb_item'").fetchone()[0]


def test_admission(suite, server):
    with server.connect() as conn:
        # Without a limit the list field reads the whole table: the check below can see a read.
        with conn.transaction():
            before = rows_read(conn)
            answer = gql(conn, EXPENSIVE)
            suite.check(len(answer["data"]["items"]) == 100000 and rows_read(conn) > before,
                        "no limit: the expensive field runs and reads rows", str(rows_read(conn)))
        conn.execute("SET fraiseql.max_cost = 2000")
        with conn.transaction():
            before = rows_read(conn)
            answer = gql(conn, EXPENSIVE)
            errors = answer.get("errors", [])
            ext = errors[0]["extensions"] if errors else {}
            suite.check(len(errors) == 1 and ext.get("code") == "QUERY_TOO_COMPLEX" and ext.get("field") == "items"
                        and ext.get("measure") == "cost" and ext.get("limit") == 2000 and ext.get("estimate", 0) > 2000
                        and errors[0]["path"] == ["items"],
                        "over max_cost: QUERY_TOO_COMPLEX naming the field, the estimate and the limit", json.dumps(answer))
            suite.check(rows_read(conn) == before + 1, "the cheap field ran: its one row read",
                        "%s -> %s" % (before, rows_read(conn)))
        with conn.transaction():
            before = rows_read(conn)
            answer = gql(conn, "{ items { id } }")
            suite.check(answer.get("data") is None and rows_read(conn) == before,
                        "refused before it ran: no row read (pg_stat_xact_user_tables)",
                        "%s -> %s" % (before, rows_read(conn)))
        answer = gql(conn, "{ item(id: 7) { name } items(name: \"n3\") { id } }")
        suite.check(answer.get("data") == {"item": {"name": "n7"}, "items": [{"id": 3}]} and "errors" not in answer,
                    "cheaper queries (an indexed lookup, a filtered scan under the limit) pass", json.dumps(answer))
        conn.execute("SET fraiseql.max_cost = 1000000")
        answer = gql(conn, "query A { item(id: 7) { name } all: items { id } }")
        conn.execute("SET fraiseql.max_cost = 0")
        conn.execute("SET fraiseql.max_rows_estimate = 50000")
        answer = gql(conn, "query B { item(id: 7) { name } all: items { id } }")
        errors = answer.get("errors", [])
        suite.check(len(errors) == 1 and errors[0]["extensions"].get("measure") == "rows"
                    and errors[0]["extensions"].get("field") == "all" and answer["data"] is None,
                    "over max_rows_estimate: refused by rows", json.dumps(answer)[:300])
        # the other root field still ran: a nullable one keeps its value
        answer = gql(conn, "{ item(id: 7) { name } alsoItem: item(id: 8) { name } }")
        suite.check(answer == {"data": {"item": {"name": "n7"}, "alsoItem": {"name": "n8"}}}, "cheap fields unaffected",
                    json.dumps(answer))
        conn.execute("RESET fraiseql.max_rows_estimate")
        plan = conn.execute("SELECT fraiseql.explain(%s)", (EXPENSIVE,)).fetchone()[0]
        estimates = {e["field"]: e for e in plan["estimates"]}
        suite.check(estimates["item"]["cost"] < 100 and estimates["items"]["cost"] > 1000
                    and estimates["items"]["rows"] == 100000 and estimates["item"]["plan"] in ("custom", "generic"),
                    "explain shows each root field's estimate", json.dumps(plan["estimates"]))
    # per role: ALTER ROLE ... SET applies to that role's sessions
    with server.connect("limited") as conn:
        answer = gql(conn, EXPENSIVE)
        errors = answer.get("errors", [])
        suite.check(len(errors) == 1 and errors[0]["extensions"].get("limit") == 1000,
                    "per role: ALTER ROLE limited SET fraiseql.max_cost applies", json.dumps(answer)[:300])
        try:
            conn.execute("SET fraiseql.max_cost = 0")
            suite.check(False, "the limited role cannot lift its limit")
        except psycopg.errors.InsufficientPrivilege:
            suite.check(True, "the limited role cannot lift its limit")


def stat_row(conn, name):
    return conn.execute("SELECT calls, errors, rows, cache_hits, cache_misses, response_bytes, scope, operation_type, "
                        "max_ms >= mean_ms AND stddev_ms >= 0 AND total_ms > 0, first_seen <= last_seen "
                        "FROM fraiseql.stat_operations WHERE operation_name = %s", (name,)).fetchone()


def test_statistics(suite, server):
    with server.connect() as conn:
        conn.execute("SELECT fraiseql.stat_reset()")
    # several backends: 3 sessions, 4 calls each, with other literals (one operation)
    for session in range(3):
        with server.connect() as conn:
            for i in range(4):
                gql(conn, "query Lookup { item(id: %d) { name } }" % (session * 4 + i + 1))
    with server.connect() as conn:
        row = stat_row(conn, "Lookup")
        suite.check(row is not None and row[0] == 12 and row[2] == 12 and row[6] == "shared" and row[7] == "query"
                    and row[8] and row[9],
                    "calls from three backends counted in one shared row (literals normalized)", str(row))
        suite.check(row is not None and row[3] == 9 and row[4] == 3,
                    "cache hits and misses: one miss per backend", str(row))
        # errors: a field error (division by zero in the view) and a request error, counted by code
        for _ in range(2):
            gql(conn, "query Failing { fail { id } }")
        gql(conn, "query Bad { nope }")
        row = stat_row(conn, "Failing")
        suite.check(row is not None and row[0] == 2 and row[1] == {"DATABASE_ERROR": 2},
                    "errors by code survive field errors", str(row))
        row = conn.execute("SELECT calls, errors FROM fraiseql.stat_operations WHERE operation_type = 'invalid'").fetchall()
        suite.check(row == [(1, {"GRAPHQL_VALIDATION_FAILED": 1})],
                    "a request error is counted too (under its text, type invalid)", str(row))
        # a call cut short by statement_timeout or a cancel raises instead of
        # answering; it still counts, as CANCELED
        conn.execute("SET statement_timeout = '200ms'")
        for _ in range(2):
            try:
                gql(conn, "query Sleepy { slow { id } }")
                suite.check(False, "statement_timeout cancels the slow call")
            except psycopg.errors.QueryCanceled:
                pass
        conn.execute("RESET statement_timeout")
        other = server.connect()
        pid = conn.info.backend_pid
        canceller = threading.Timer(0.3, lambda: other.execute("SELECT pg_cancel_backend(%s)", (pid,)))
        canceller.start()
        try:
            gql(conn, "query Sleepy { slow { id } }")
        except psycopg.errors.QueryCanceled:
            pass
        canceller.join()
        other.close()
        row = stat_row(conn, "Sleepy")
        suite.check(row is not None and row[0] == 3 and row[1] == {"CANCELED": 3} and row[5] == 0,
                    "calls cancelled (statement_timeout twice, pg_cancel_backend once) are counted as CANCELED",
                    str(row))
        suite.check(gql(conn, "query Cheap { item(id: 5) { name } }") == {"data": {"item": {"name": "n5"}}},
                    "the session goes on after the cancels")
        # bounded: 10,000 distinct documents through a table of 100
        conn.execute("SET fraiseql.plan_cache_entries = 0")
        failures = 0
        for i in range(10000):
            answer = gql(conn, "query Many%d { item(id: 1) { id } }" % i)
            failures += answer != {"data": {"item": {"id": 1}}}
        count = conn.execute("SELECT count(*) FROM fraiseql.stat_operations").fetchone()[0]
        suite.check(failures == 0 and 0 < count <= 100,
                    "10,000 distinct documents: every request answered, the table stays within stat_max",
                    "%d failures, %d rows" % (failures, count))
        row = stat_row(conn, "Lookup")
        suite.check(row is not None and row[0] == 12, "a much used operation survives eviction", str(row))
        conn.execute("SELECT fraiseql.stat_reset()")
        count = conn.execute("SELECT count(*) FROM fraiseql.stat_operations").fetchone()[0]
        suite.check(count == 0, "stat_reset empties the table", str(count))


def cache_counts(conn):
    stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
    return stats["hits"] + stats["shared_hits"], stats["misses"]


def test_prewarm(suite, server):
    documents = ["query Warm { item(id: 3) { name } }",
                 "query WarmVars($id: Int!) { item(id: $id) { id name } }"]
    with server.connect() as conn:
        hashes = [conn.execute("SELECT fraiseql.persist(%s)", (d,)).fetchone()[0] for d in documents]
    with server.connect() as conn:  # control: a fresh backend misses
        gql(conn, documents[0])
        suite.check(cache_counts(conn) == (0, 1), "without prewarm the first call misses", str(cache_counts(conn)))
    with server.connect() as conn:
        warmed = conn.execute("SELECT fraiseql.prewarm()").fetchone()[0]
        conn.execute("SELECT fraiseql.cache_reset()")  # zero the counters: prewarm's own misses
        warmed = conn.execute("SELECT fraiseql.prewarm()").fetchone()[0]
        before = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
        answer = gql(conn, documents[0])
        answer2 = gql(conn, documents[1], {"id": 4})
        after = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
        suite.check(warmed == 2 and answer == {"data": {"item": {"name": "n3"}}}
                    and answer2 == {"data": {"item": {"id": 4, "name": "n4"}}}
                    and after["hits"] - before["hits"] == 2 and after["misses"] == before["misses"],
                    "after prewarm() the first calls are cache hits", "%s %s %s" % (warmed, before, after))
    with server.connect() as conn:
        warmed = conn.execute("SELECT fraiseql.prewarm(%s)", ([hashes[1].upper(), "00" * 32],)).fetchone()[0]
        suite.check(warmed == 1, "prewarm(hashes) warms only those (unknown hashes skipped)", str(warmed))
    with psycopg.connect("host=%s port=%d user=postgres dbname=postgres options='-c fraiseql.prewarm_on_first_call=on'"
                         % (server.dir, server.port), autocommit=True) as conn:
        answer = gql(conn, documents[0])
        hits, misses = cache_counts(conn)
        suite.check(answer == {"data": {"item": {"name": "n3"}}} and hits == 1 and misses == 2,
                    "prewarm_on_first_call: the backend's first request is a hit (the misses are prewarm's own)", "%s %s" % (hits, misses))


TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def watch_activity(server, pid, seen, stop):
    """Collects pid's pg_stat_activity.query texts until stop is set."""
    with server.connect() as conn:
        while not stop.is_set():
            row = conn.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
            if row:
                seen.add(row[0])
            time.sleep(0.02)


def traced_activity(server, context):
    """The texts pg_stat_activity showed for a slow request with this context, and its answer."""
    with server.connect() as conn:
        pid = conn.info.backend_pid
        seen = set()
        stop = threading.Event()
        watcher = threading.Thread(target=watch_activity, args=(server, pid, seen, stop))
        watcher.start()
        try:
            answer = gql(conn, "{ slow { slept } }", None, context)
        finally:
            stop.set()
            watcher.join()
        after = conn.execute("SELECT query FROM pg_stat_activity WHERE pid = pg_backend_pid()").fetchone()[0]
        return seen, answer, after


def test_trace(suite, server):
    seen, answer, after = traced_activity(server, {"traceparent": TRACEPARENT})
    comment = "/*traceparent='%s'*/ " % TRACEPARENT
    suite.check(answer == {"data": {"slow": [{"slept": True}]}}, "a traced request answers", json.dumps(answer))
    suite.check(any(q.startswith(comment + "SELECT fraiseql.execute_json(") for q in seen),
                "the traceparent shows in pg_stat_activity.query of the running statement", str(seen))
    suite.check(comment not in after, "the comment is gone once the call returned", after)
    for bad in ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'*/ DROP TABLE x; --",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", "garbage", 42]:
        seen, answer, _ = traced_activity(server, {"traceparent": bad})
        suite.check(answer == {"data": {"slow": [{"slept": True}]}} and not any("traceparent" in q for q in seen),
                    "a malformed traceparent is ignored, no error: %r" % (bad,), str(seen))
    # auto_explain prints each root field's statement with the comment
    with server.connect() as conn:
        conn.execute("LOAD 'auto_explain'")
        conn.execute("SET auto_explain.log_min_duration = 0")
        conn.execute("SET auto_explain.log_nested_statements = on")
        gql(conn, "{ item(id: 9) { name } }", None, {"traceparent": TRACEPARENT})
        prepared_before = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]["entries"]
        gql(conn, "{ item(id: 9) { name } }", None, {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"})
        stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
    with open(server.data + ".log", encoding="utf-8", errors="replace") as log:
        text = log.read()
    suite.check(("Query Text: " + comment + 'SELECT v."data" FROM "prod"."v_item"') in text,
                "auto_explain logs the root field's statement with the comment", text[-2000:])
    suite.check(stats["entries"] == prepared_before and stats["hits"] >= 1,
                "another traceparent reuses the cached plan and statement", json.dumps(stats))


def main():
    exit_on_signals()
    suite = Checks()
    server = None
    try:
        server = Server()
        with server.connect() as conn:
            conn.execute(SCHEMA_SQL)
        for test in (test_admission, test_statistics, test_prewarm, test_trace):
            try:
                test(suite, server)
            except Exception:
                traceback.print_exc()
                suite.check(False, test.__name__ + " raised")
    except Exception:
        traceback.print_exc()
        suite.check(False, "setting up the server")
    finally:
        if server:
            server.stop()
    return suite.summary("production")


if __name__ == "__main__":
    sys.exit(main())
