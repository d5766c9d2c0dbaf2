#!/usr/bin/python3
"""bench.py: subscriptions under load (issue 21). Not part of make test.

Against the cluster in PGHOST/PGPORT (PGUSER a superuser; run_bench.sh makes a
throwaway one): the suite's schema (test/subscriptions/schema.sql, .graphql)
in a database of its own plus 100 tasks of tenant A in project P1; the suite's
server (test/subscriptions/server.py, queue 1,000, pool of 4) as subs_app;
subscribers.mjs holding 1,000 graphql-ws subscriptions on 100 sockets. Phases:

  idle       1,000 subscribers, no writes: CPU of the listener and pool backends
  identical  1,000 identical subscriptions (one group: one subscription_event
             call per event), 100 commits/s through fraiseql.execute
  distinct   1,000 distinct subscriptions (an alias each: 1,000 groups, 1,000
             calls per event, batched event_batch per statement)

Each commit updates one of the 100 tasks (round robin), its title the writer's
clock just before it sent the statement; a subscriber's latency is its receipt
time minus that (same machine, same clock): commit to delivery, upper bound.
Database CPU: utime+stime from /proc/<pid>/stat of the listener and pool
backends (the writer's backend is reported apart: that is the mutation).
    bench/subscriptions/bench.py [--seconds 20] [--rate 100] [--subscribers 1000]
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(ROOT, "test", "subscriptions")
DATABASE = "fraiseql_subs_bench"
TENANT = "00000000-0000-4000-8000-00000000000a"
P1 = "00000000-0000-4000-8000-0000000000f1"
UPDATE = "mutation ($input: UpdateTaskInput!) { updateTask(input: $input) { __typename } }"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        return 0.0


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def set_up():
    admin = dict(os.environ, PGDATABASE="postgres")
    subprocess.run(["dropdb", "--if-exists", DATABASE], env=admin, check=True)
    subprocess.run(["psql", "-Xq", "-d", "postgres", "-c", "DROP ROLE IF EXISTS subs_app"], check=True)
    subprocess.run(["createdb", DATABASE], env=admin, check=True)
    subprocess.run(["psql", "-Xq", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-c", "CREATE EXTENSION fraiseql",
                    "-f", os.path.join(SUITE, "schema.sql")], check=True)
    with open(os.path.join(SUITE, "schema.graphql")) as sdl:
        subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-v", "sdl=" + sdl.read()],
                       input="SELECT fraiseql.load_schema(:'sdl')", text=True, check=True, capture_output=True)
    rows = [str(uuid.uuid4()) for _ in range(100)]
    values = ",".join("('%s', '%s', '%s', 'bench')" % (row, TENANT, P1) for row in rows)
    subprocess.run(["psql", "-Xq", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-c",
                    "INSERT INTO subs.tb_task (id, tenant_id, project_id, title) VALUES " + values], check=True)
    return rows


def stats(port):
    # Generous: a saturated server answers late.
    return json.load(urllib.request.urlopen("http://127.0.0.1:%d/stats" % port, timeout=120))


def wait_for(port, predicate, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        current = stats(port)
        if predicate(current):
            return current
        time.sleep(0.05)
    raise RuntimeError("server state not reached: %r" % stats(port))


class Subscribers:
    def __init__(self, port):
        self.process = subprocess.Popen(["node", os.path.join(HERE, "subscribers.mjs"),
                                         "ws://127.0.0.1:%d/graphql" % port],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


async def write(rows, rate, seconds):
    import asyncpg

    connection = await asyncpg.connect(database=DATABASE)
    pid = connection.get_server_pid()
    context = json.dumps({"tenant_id": TENANT})
    statement = await connection.prepare("SELECT fraiseql.execute($1, $2::jsonb, NULL, $3::jsonb)")
    total = int(rate * seconds)
    cpu_before = cpu_seconds(pid)
    start = time.time()
    late = 0
    for n in range(total):
        due = start + n / rate
        delay = due - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.05:
            late += 1
        sent = time.time() * 1000
        await statement.fetchval(UPDATE, json.dumps({"input": {"id": rows[n % len(rows)], "title": repr(sent)}}),
                                 context)
    elapsed = time.time() - start
    writer_cpu = cpu_seconds(pid) - cpu_before
    await connection.close()
    return {"commits": total, "seconds": elapsed, "late": late, "writer_cpu_ms_per_commit": 1000 * writer_cpu / total}


def backends(current):
    return sorted({current["listener_pid"], *current["pool_pids"]} - {None})


def run_phase(port, subscribers, kind, count, rows, rate, seconds):
    subscribers.ask("open %s %d 100" % (kind, count))
    current = wait_for(port, lambda s: s.get("subscribers") == count and s.get("channels"))
    pids = backends(current)
    cpu = {pid: cpu_seconds(pid) for pid in pids}
    server_cpu = cpu_seconds(current["server_pid"])
    load_before = loadavg()
    lagged_before = current.get("lagged", 0)
    calls_before, statements_before = current.get("event_calls", 0), current.get("event_statements", 0)
    written = asyncio.run(write(rows, rate, seconds))
    # Until the server has delivered what it was sent (its counters stop moving).
    previous = None
    while True:
        time.sleep(0.5)
        now = stats(port)
        if now.get("pending_events") == 0 and previous is not None and now.get("delivered") == previous:
            break
        previous = now.get("delivered")
    db_cpu = sum(cpu_seconds(pid) - cpu[pid] for pid in pids)
    app_cpu = cpu_seconds(current["server_pid"]) - server_cpu
    # And until the subscribers have read it all (or stopped getting any).
    expected, last = written["commits"] * count, -1
    while True:
        got = subscribers.ask("count")["count"]
        if got >= expected or got == last:
            break
        last = got
        time.sleep(1)
    latency = subscribers.ask("report")
    subscribers.ask("close")
    wait_for(port, lambda s: s.get("subscribers") == 0)
    events = written["commits"]
    return {
        "phase": kind, "subscribers": count, "groups": current["groups"], **written,
        "deliveries": latency["deliveries"], "expected_deliveries": events * count, "errors": latency["errors"],
        "p50_ms": latency["p50"], "p90_ms": latency["p90"], "p99_ms": latency["p99"], "max_ms": latency["max"],
        "db_cpu_ms_per_event": 1000 * db_cpu / events, "db_cpu_share": db_cpu / written["seconds"],
        "server_cpu_ms_per_event": 1000 * app_cpu / events,
        "statements": now.get("event_statements", 0) - statements_before,
        "calls": now.get("event_calls", 0) - calls_before, "lagged": now.get("lagged", 0) - lagged_before,
        "load_before": load_before, "load_after": loadavg(),
    }


def idle_phase(port, subscribers, count, seconds):
    subscribers.ask("open identical %d 100" % count)
    current = wait_for(port, lambda s: s.get("subscribers") == count and s.get("channels"))
    pids = backends(current)
    time.sleep(1)
    cpu = {pid: cpu_seconds(pid) for pid in pids}
    server_cpu = cpu_seconds(current["server_pid"])
    time.sleep(seconds)
    db_cpu = sum(cpu_seconds(pid) - cpu[pid] for pid in pids)
    result = {"phase": "idle", "subscribers": count, "seconds": seconds, "backends": len(pids),
              "db_cpu_ms": 1000 * db_cpu, "server_cpu_ms": 1000 * (cpu_seconds(current["server_pid"]) - server_cpu),
              "load": loadavg()}
    subscribers.ask("close")
    wait_for(port, lambda s: s.get("subscribers") == 0)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--idle-seconds", type=float, default=10)
    parser.add_argument("--only", choices=["idle", "identical", "distinct"], action="append")
    options = parser.parse_args()
    rows = set_up()
    sys.stdout.write("load average before: %s; %d CPUs\n" % (loadavg(), os.cpu_count()))
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PGDATABASE=DATABASE, PGUSER="subs_app", POOL_SIZE="4", QUEUE_SIZE="1000",
               PYTHONPATH=os.path.join(ROOT, "python"))
    server = subprocess.Popen([sys.executable, os.path.join(SUITE, "server.py"), "--port", str(port)], env=env)
    subscribers = None
    results = []
    try:
        wait_ready = time.time() + 30
        while True:
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=2)
                break
            except OSError:
                if time.time() > wait_ready:
                    raise
                time.sleep(0.1)
        subscribers = Subscribers(port)
        phases = options.only or ["idle", "identical", "distinct"]
        for phase in phases:
            if phase == "idle":
                result = idle_phase(port, subscribers, options.subscribers, options.idle_seconds)
            else:
                result = run_phase(port, subscribers, phase, options.subscribers, rows, options.rate, options.seconds)
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        if subscribers is not None:
            subscribers.stop()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["dropdb", "--if-exists", DATABASE], env=dict(os.environ, PGDATABASE="postgres"))
        subprocess.run(["psql", "-Xq", "-d", "postgres", "-c", "DROP ROLE IF EXISTS subs_app"])
    print()
    print("| phase | subscribers | groups | commits/s | p50 ms | p99 ms | deliveries | lagged | calls/statements | DB CPU ms/event | app CPU ms/event |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r["phase"] == "idle":
            print("| idle %gs | %d | | 0 | | | | %.0f ms total (%d backends) | %.0f ms total |" % (
                r["seconds"], r["subscribers"], r["db_cpu_ms"], r["backends"], r["server_cpu_ms"]))
        else:
            print("| %s | %d | %d | %.0f | %.1f | %.1f | %d / %d | %d | %d / %d | %.2f | %.2f |" % (
                r["phase"], r["subscribers"], r["groups"], r["commits"] / r["seconds"], r["p50_ms"] or -1,
                r["p99_ms"] or -1, r["deliveries"], r["expected_deliveries"], r["lagged"], r["calls"],
                r["statements"], r["db_cpu_ms_per_event"], r["server_cpu_ms_per_event"]))
    print("load average after: %s" % loadavg())


if __name__ == "__main__":
    main()
