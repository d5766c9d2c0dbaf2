#!/usr/bin/python3
"""test_ha.py: replicas, load balancing and failover with nothing lost (issue 20).

Self-contained (it starts and stops every server it uses, in temporary
directories; run as root, which starts them as postgres):
1. a primary and two streaming hot standbys; reads through pgpool-II
   (streaming-replication mode) are spread over both standbys and answer the
   primary's bytes; a mutation that pgpool sends to a standby is a clean
   read-only GraphQL error; the example app on a libpq multi-host string
   (target_session_attrs=prefer-standby) reads from the standbys and falls
   back to the primary when they are gone;
2. load_schema on the primary: already-open standby sessions with warm plan
   caches answer the old schema until replay passes the commit and the new one
   from then on, never one after the other; a standby whose replay is paused
   keeps serving the old schema until resumed; the delay is measured;
3. pg_auto_failover (monitor, primary, secondary, synchronous replication):
   8 clients send mutations through the example app for HA_SECONDS (60), the
   primary node is SIGKILLed halfway, the secondary is promoted, the app
   reconnects by itself; every acknowledged mutation is there exactly once,
   reads work, and the time without service is reported.
Prints "ok - ..." / "not ok - ..." per check, "# ..." for measurements, and
"ha: N passed, M failed".
"""

import json
import os
import subprocess
import sys
import threading
import time
import traceback

import psycopg

from checks import PG_CONFIG, Checks, exit_on_signals
from ha_autofailover import Formation
from ha_load import ADA, CREATE, App, MutationLoad
from ha_replicas import DATABASE, USER, Replicas, conninfo, load_demo

SECONDS = float(os.environ.get("HA_SECONDS", "60"))
READS = ["{ users { id email firstName } }",
         "query Q($id: UUID!) { user(id: $id) { email posts { title comments { body } } } }"]
READ_VARIABLES = [None, {"id": ADA}]
EXECUTE = "SELECT fraiseql.execute(%s, %s::jsonb)"


def execute(conn, query, variables=None):
    return bytes(conn.execute(EXECUTE, (query, None if variables is None else json.dumps(variables))).fetchone()[0])


def wait_replayed(primary, standby, seconds=60):
    lsn = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if standby.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()[0]:
            return
        time.sleep(0.05)
    raise RuntimeError("a standby did not replay up to " + lsn)


def read_calls(port):
    with psycopg.connect(conninfo(port), autocommit=True) as conn:
        row = conn.execute("SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions "
                           "WHERE schemaname = 'fraiseql' AND funcname = 'execute'").fetchone()
        return int(row[0])


def topology(suite, replicas, standbys):
    with psycopg.connect(conninfo(replicas.ports["primary"]), autocommit=True) as primary:
        streaming = primary.execute("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'").fetchone()[0]
        suite.check(streaming == 2, "the primary streams to two standbys", "streaming: %d" % streaming)
        reference = [execute(primary, q, v) for q, v in zip(READS, READ_VARIABLES)]
        for name in standbys:
            with psycopg.connect(conninfo(replicas.ports[name]), autocommit=True) as standby:
                wait_replayed(primary, standby)
                suite.check(standby.execute("SELECT pg_is_in_recovery()").fetchone()[0], name + " is a hot standby")
    suite.check(all(b'"data"' in r and b'"errors"' not in r for r in reference), "the reads answer data on the primary",
                repr(reference))

    # pgpool: one session per request, as a pool of short-lived clients would make.
    before = {name: read_calls(replicas.ports[name]) for name in ["primary"] + standbys}
    same = 0
    rounds = 20
    for _ in range(rounds):
        with psycopg.connect(conninfo(replicas.pgpool_port), autocommit=True) as conn:
            got = [execute(conn, q, v) for q, v in zip(READS, READ_VARIABLES)]
            same += got == reference
    suite.check(same == rounds, "pgpool: %d sessions answer the primary's bytes" % rounds, "%d of %d" % (same, rounds))
    time.sleep(1.5)  # a backend's function statistics reach the view when it ends (pgpool keeps none: connection_cache off)
    served = {name: read_calls(replicas.ports[name]) - before[name] for name in before}
    print("# reads served through pgpool (fraiseql.execute calls): " + ", ".join(
        "%s %d" % item for item in served.items()), flush=True)
    suite.check(served["primary"] == 0 and all(served[n] > 0 for n in standbys)
                and sum(served[n] for n in standbys) == rounds * len(READS),
                "pgpool spreads the reads over both standbys and sends none to the primary", repr(served))

    # A mutation that reaches a standby (pgpool was told execute only reads) is a clean GraphQL error.
    with psycopg.connect(conninfo(replicas.pgpool_port), autocommit=True) as conn:
        body = json.loads(bytes(conn.execute("SELECT fraiseql.execute(%s, %s::jsonb, NULL, %s::jsonb)",
                                             (CREATE, json.dumps({"t": "misrouted"}),
                                              json.dumps({"user_id": ADA}))).fetchone()[0]))
    suite.check("data" not in body and "read-only" in body["errors"][0]["message"],
                "a mutation misrouted to a standby is a request error saying the server is read-only", repr(body))
    return reference


def multi_host_app(suite, replicas, standbys, reference):
    """The example app on libpq's multi-host string: standbys first, the primary last."""
    names = standbys + ["primary"]
    dsn = "host=%s port=%s user=%s dbname=%s target_session_attrs=prefer-standby connect_timeout=3" % (
        ",".join("127.0.0.1" for _ in names), ",".join(str(replicas.ports[n]) for n in names), USER, DATABASE)
    app = App(dsn, os.path.join(replicas.dir, "app-multihost.log"))
    try:
        status, body = app.post(READS[0])
        suite.check(status == 200 and body == json.loads(reference[0]),
                    "app on a multi-host string (prefer-standby): a read answers the primary's data", repr(body)[:300])
        status, body = app.post(CREATE, {"t": "misrouted"}, {"X-User-Id": ADA})
        suite.check(status == 200 and isinstance(body, dict) and "read-only" in body["errors"][0]["message"],
                    "app on a multi-host string (prefer-standby): a mutation is a read-only GraphQL error", repr(body))
        # Both standbys gone: the pool's new connections fall back to the primary.
        for name in standbys:
            replicas.stop_server(name)
        deadline = time.monotonic() + 60
        start = time.monotonic()
        status, body = None, None
        while time.monotonic() < deadline:
            status, body = app.post(READS[0])
            if status == 200 and isinstance(body, dict) and "data" in body:
                break
            time.sleep(0.2)
        print("# prefer-standby app: reads answered by the primary %.1f s after both standbys stopped"
              % (time.monotonic() - start), flush=True)
        suite.check(status == 200 and body == json.loads(reference[0]),
                    "app on a multi-host string: with both standbys down the reads go on on the primary", repr(body)[:300])
    finally:
        app.stop()


def lsn_int(text):
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


class Poller(threading.Thread):
    """Sends the two documents in turn on one session until the new schema has
    answered 10 times (or 30 s), keeping (replay LSN before, response, replay
    LSN after, time) for each."""

    def __init__(self, conn, docs, new_answer):
        super().__init__()
        self.conn, self.docs, self.new_answer = conn, docs, new_answer
        self.answers = []

    def run(self):
        deadline = time.monotonic() + 30
        news = 0
        n = 0
        while news < 10 and time.monotonic() < deadline:
            before, body, after = self.conn.execute(
                "SELECT pg_last_wal_replay_lsn()::text, fraiseql.execute(%s), pg_last_wal_replay_lsn()::text",
                (self.docs[n % 2],)).fetchone()
            n += 1
            self.answers.append((lsn_int(before), bytes(body), lsn_int(after), time.monotonic()))
            news += bytes(body) == self.new_answer


def classify(body, old_ok, new_ok):
    if body in old_ok:
        return "old"
    if body in new_ok:
        return "new"
    return "other"


def schema_change(suite, replicas, standbys, sdl):
    """users: becomes members: on the primary; each standby session answers by
    the schema its replay has reached."""
    new_sdl = sdl.replace("users: [User!]!", "members: [User!]!")
    old_doc, new_doc = "{ users { id email } }", "{ members { id email } }"
    with psycopg.connect(conninfo(replicas.ports["primary"]), autocommit=True) as primary:
        old_answer = execute(primary, old_doc)
        old_refused = execute(primary, new_doc)
        sessions = {}
        for name in standbys:
            # Warm: prepared statements and fraiseql's plan cache hold the old documents.
            conn = psycopg.connect(conninfo(replicas.ports[name]), autocommit=True, prepare_threshold=0)
            sessions[name] = conn
            for _ in range(5):
                execute(conn, old_doc), execute(conn, new_doc)
        lagging = standbys[-1]
        sessions[lagging].execute("SELECT pg_wal_replay_pause()")
        # The other standbys are polled from before the change until well after it.
        expected_new = old_answer.replace(b'"users"', b'"members"')
        pollers = {name: Poller(sessions[name], (old_doc, new_doc), expected_new)
                   for name in standbys if name != lagging}
        try:
            for poller in pollers.values():
                poller.start()
            time.sleep(0.2)
            lsn0 = lsn_int(primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0])
            primary.execute("SELECT fraiseql.load_schema(%s)", (new_sdl,))
            acknowledged = time.monotonic()
            commit_lsn = lsn_int(primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0])
            new_answer = execute(primary, new_doc)
            new_refused = execute(primary, old_doc)
            suite.check(b'"data"' in new_answer and b"GRAPHQL_VALIDATION_FAILED" in new_refused
                        and new_answer == expected_new,
                        "the primary answers the new schema at once", repr((new_answer, new_refused)))
            olds = {old_answer, old_refused}
            news = {new_answer, new_refused}
            for name, poller in pollers.items():
                poller.join(30)
                seen, bad = [], []
                for before, body, after, at in poller.answers:
                    kind = classify(body, olds, news)
                    if (kind == "other" or (before >= commit_lsn and kind == "old") or (after < lsn0 and kind == "new")
                            or ("new" in seen and kind == "old")):
                        bad.append((before, body, after))
                    seen.append(kind)
                firsts = [at for (_, body, _, at), kind in zip(poller.answers, seen) if kind == "new"]
                delay = (firsts[0] - acknowledged) * 1000 if firsts else None
                print("# schema propagation to %s: first new-schema answer %s ms after the primary acknowledged "
                      "load_schema (%d answers polled: %d old, %d new)"
                      % (name, "%.1f" % delay if delay is not None else "never", len(seen), seen.count("old"),
                         seen.count("new")), flush=True)
                suite.check(firsts and seen.count("old") > 0 and not bad,
                            "%s (open session, warm plans) switches from the old schema to the new one once, "
                            "never a mix or a stale plan" % name, repr(bad[:3]))
            conn = sessions[lagging]
            behind = []
            for n in range(20):
                body = execute(conn, (old_doc, new_doc)[n % 2])
                behind.append(classify(body, olds, news))
                time.sleep(0.05)
            suite.check(behind == ["old"] * 20, lagging + " (replay paused) serves the old schema consistently",
                        repr(behind))
        finally:
            sessions[lagging].execute("SELECT pg_wal_replay_resume()")
        wait_replayed(primary, sessions[lagging])
        after = [classify(execute(sessions[lagging], d), olds, news) for d in (old_doc, new_doc)]
        suite.check(after == ["new", "new"], lagging + " serves the new schema once it has replayed it", repr(after))
        primary.execute("SELECT fraiseql.load_schema(%s)", (sdl,))
        for conn in sessions.values():
            wait_replayed(primary, conn)
            conn.close()


def part_replicas(suite):
    replicas = Replicas()
    standbys = ["standby1", "standby2"]
    try:
        replicas.start_primary()
        load_demo(replicas.ports["primary"])
        for name in standbys:
            replicas.start_standby(name)
        replicas.start_pgpool(standbys)
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo", "schema.graphql")) as f:
            sdl = f.read()
        reference = topology(suite, replicas, standbys)
        schema_change(suite, replicas, standbys, sdl)
        multi_host_app(suite, replicas, standbys, reference)
    except Exception:
        traceback.print_exc()
        suite.check(False, "replicas: raised")
        for name in ("pgpool", "primary") + tuple(standbys):
            print("--- %s.log\n%s" % (name, replicas.log(name)))
    finally:
        replicas.stop()


def part_failover(suite):
    sharedir = subprocess.run([PG_CONFIG, "--sharedir"], capture_output=True, text=True, check=True).stdout.strip()
    control = os.path.join(sharedir, "extension", "pgautofailover.control")
    if not os.path.exists(control):
        # Debian's postgresql-15-auto-failover installs into the system PostgreSQL only.
        suite.check(False, "pg_auto_failover is installed in the PostgreSQL of " + PG_CONFIG, control + " is missing")
        return
    formation = Formation()
    app = None
    try:
        formation.start_monitor()
        formation.add_node("node1")
        formation.wait_states({"node1": "single"}, 180)
        load_demo(formation.ports["node1"], create_database=False)
        formation.checkpoint("node1")
        formation.add_node("node2")
        formation.wait_states({"node1": "primary", "node2": "secondary"}, 300)
        with psycopg.connect(conninfo(formation.ports["node1"]), autocommit=True) as conn:
            sync = conn.execute("SHOW synchronous_standby_names").fetchone()[0]
        suite.check(sync != "", "pg_auto_failover made the replication synchronous", repr(sync))
        dsn = formation.uri()
        print("# the app's connection string: " + dsn, flush=True)
        app = App(dsn, os.path.join(formation.dir, "app.log"))
        load = MutationLoad(app, 8)
        started = time.monotonic()
        load.start()
        try:
            time.sleep(SECONDS / 2)
            killed = time.monotonic()
            formation.kill_node("node1")
            time.sleep(max(0.0, started + SECONDS - time.monotonic()))
        finally:
            load.stop()
        formation.wait_states({"node2": "wait_primary"}, 60)
        outcomes = load.all()
        acked = [o for o in outcomes if o[3]]
        after = [o for o in acked if o[1] > killed]
        before = [o for o in acked if o[2] < killed]
        down = (min(o[2] for o in after) - killed) if after else None
        print("# failover: %d mutations sent, %d acknowledged (%d before the kill, %d after); first acknowledged "
              "after the kill %s s later" % (len(outcomes), len(acked), len(before), len(after),
                                              "%.1f" % down if down is not None else "never"), flush=True)
        suite.check(len(before) > 0 and len(after) > 0, "mutations were acknowledged before and after the kill",
                    "%d before, %d after" % (len(before), len(after)))
        with psycopg.connect(conninfo(formation.ports["node2"]), autocommit=True) as conn:
            suite.check(not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0], "the secondary was promoted")
            counts = dict(conn.execute("SELECT title, count(*) FROM demo.tb_post WHERE title LIKE 'ha-%%' "
                                       "GROUP BY title").fetchall())
        lost = [o[0] for o in acked if counts.get(o[0], 0) == 0]
        twice = [t for t, c in counts.items() if c > 1]
        unacked_present = sum(1 for o in outcomes if not o[3] and o[0] in counts)
        print("# failover: acknowledged lost %d, duplicates %d, unacknowledged but committed %d"
              % (len(lost), len(twice), unacked_present), flush=True)
        suite.check(not lost, "every acknowledged mutation is on the new primary", repr(lost[:10]))
        suite.check(not twice, "no mutation is there twice", repr(twice[:10]))
        suite.check(set(counts) <= {o[0] for o in outcomes}, "nothing is there that was not sent")
        status, body = app.post("query Q($id: UUID!) { user(id: $id) { email } }", {"id": ADA})
        suite.check(status == 200 and isinstance(body, dict) and body.get("data", {}).get("user") is not None,
                    "reads through the app work after the failover", repr(body))
    except Exception:
        traceback.print_exc()
        suite.check(False, "failover: raised")
        for name in ("monitor", "node1", "node2"):
            print("--- %s.log\n%s" % (name, formation.log(name)))
    finally:
        if app is not None:
            app.stop()
        formation.stop()


def main():
    suite = Checks()
    exit_on_signals()
    began = time.monotonic()
    part_replicas(suite)
    part_failover(suite)
    print("# test_ha took %.0f s (HA_SECONDS=%g)" % (time.monotonic() - began, SECONDS))
    return suite.summary("ha")


if __name__ == "__main__":
    sys.exit(main())
