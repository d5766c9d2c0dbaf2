#!/usr/bin/env python3
"""run_http_bench.py: the end-to-end HTTP benchmark (issue 9, part 3).

Against the cluster in PGHOST/PGPORT (run_http_bench.sh starts one): loads
bench/sql/data.sql and schema.graphql, starts four servers on free ports
- fraiseql-py: examples/python/app.py (FastAPI + uvicorn + asyncpg mounting
  python/fraiseql_asgi, one fraiseql.serve call per request)
- handwritten: bench/http/handwritten_app.py (Starlette + uvicorn + asyncpg, the hand-written SQL)
- postgraphile: PostGraphile v5 over the tb_* tables (bench/http/postgraphile_server.mjs)
- fraiseql-node: examples/node/server.mjs (node:http + pg, over fraiseql.serve)
all with DATABASE_URL over TCP and a pool of POOL_SIZE connections, checks
that every server answers every workload with the expected data (the
hand-written SQL's JSON; PostGraphile's `nodes` wrappers removed), warms up,
then runs autocannon (load.mjs) per workload on each server in turn, for
--rounds rounds, and prints a markdown table of req/s and p99 latency
(medians over the rounds) with the ratios. Stops the servers on exit.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import psycopg

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "bench", "sql"))
import run_bench  # noqa: E402
from http_workloads import HTTP_WORKLOADS, param_value  # noqa: E402

NODE22 = os.path.join(HERE, "node_modules", ".bin", "node")
PYTHON = "/usr/bin/python3"
SERVERS = ["fraiseql-py", "handwritten", "postgraphile", "fraiseql-node"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name, argv, kind, log_dir):
        self.name, self.kind = name, kind
        self.port = free_port()
        self.log_path = os.path.join(log_dir, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(argv + ["--port", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT,
                                        cwd=ROOT, start_new_session=True)

    def url(self, workload):
        base = f"http://127.0.0.1:{self.port}"
        return f"{base}/{workload.name}" if self.kind == "get" else f"{base}/graphql"

    def query(self, workload):
        return workload.postgraphile if self.name == "postgraphile" else workload.query

    def serves(self, workload):
        return self.query(workload) is not None

    def fetch(self, workload, n):
        """The response body for parameter draw n (as load.mjs sends it)."""
        url = self.url(workload)
        if self.kind == "get":
            if workload.param:
                url += f"?{workload.param}={urllib.parse.quote(param_value(workload.param, n))}"
            req = urllib.request.Request(url)
        else:
            body = {"query": self.query(workload)}
            if workload.param:
                body["variables"] = {workload.param: param_value(workload.param, n)}
            req = urllib.request.Request(url, json.dumps(body).encode(),
                                         {"content-type": "application/json", "accept": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.read()

    def wait_ready(self, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.kind == "get" or self.name != "postgraphile":
                    urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2).read()
                else:
                    urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{self.port}/graphql", b'{"query":"{ __typename }"}',
                        {"content-type": "application/json"}), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.log.flush()
        raise SystemExit(f"{self.name} did not start:\n{open(self.log_path).read()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def unwrap_nodes(value):
    """PostGraphile's connections ({"nodes": [...]}) as plain lists, keys in order."""
    if isinstance(value, list):
        if len(value) == 1 and value[0][0] == "nodes" and isinstance(value[0][1], list):
            return [unwrap_nodes(v) for v in value[0][1]]
        if all(isinstance(v, tuple) for v in value):
            return [(k, unwrap_nodes(v)) for k, v in value]
        return [unwrap_nodes(v) for v in value]
    return value


def pairs(text):
    return json.loads(text, object_pairs_hook=lambda kv: [tuple(p) for p in kv])


def check(conn, servers, workload):
    """Every server's answer for n = 1, 2, 3 is the hand-written SQL's JSON. Returns fraiseql-py's bytes."""
    size = None
    for n in (1, 2, 3):
        args = [param_value(workload.param, n)] if workload.param else []
        with conn.cursor() as cur:
            cur.execute(workload.handwritten_sql.replace("$1", "%s") + "", args)
            expected = pairs(json.dumps(cur.fetchone()[0]))
        for server in servers:
            if not server.serves(workload):
                continue
            body = server.fetch(workload, n)
            got = pairs(body)
            if server.name == "postgraphile":
                got = unwrap_nodes(got)
            if got != expected:
                raise SystemExit(f"{workload.name}: {server.name} answers differently for n={n}:\n"
                                 f" got: {body[:400]!r}\n expected: {json.dumps(expected)[:400]}")
            if server.name == "fraiseql-py":
                size = len(body)
    return size


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError):
        return 0.0


def postgres_cpu_seconds():
    """CPU of the cluster's backends: the postmaster's live children plus the
    children it has reaped (cutime + cstime: backends, parallel workers and
    autovacuum workers that exited). None when the postmaster is unknown."""
    cluster = os.environ.get("FRAISEQL_CLUSTER_DIR")
    try:
        with open(os.path.join(cluster, "data", "postmaster.pid")) as f:
            postmaster = f.readline().strip()
        with open(f"/proc/{postmaster}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    total = (int(fields[13]) + int(fields[14])) / TICKS
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == postmaster:
                total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def load(server, workload, seconds, connections):
    """One autocannon run; adds the server's and the backends' CPU microseconds per request."""
    app_before, db_before = cpu_seconds(server.process.pid), postgres_cpu_seconds()
    spec = {"url": server.url(workload), "duration": seconds, "connections": connections,
            "kind": server.kind, "query": server.query(workload), "param": workload.param}
    out = subprocess.run([NODE22, os.path.join(HERE, "load.mjs"), json.dumps(spec)], capture_output=True,
                         text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"load.mjs failed on {server.name} {workload.name}:\n{out.stdout}\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["non2xx"] or result["errors"] or result["timeouts"]:
        raise SystemExit(f"{server.name} {workload.name}: failed requests: {result}")
    requests = max(result["requests"], 1)
    result["app_us"] = (cpu_seconds(server.process.pid) - app_before) * 1e6 / requests
    db_after = postgres_cpu_seconds()
    result["db_us"] = (db_after - db_before) * 1e6 / requests if db_before is not None else None
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5, help="autocannon -d per run")
    ap.add_argument("--warmup", type=int, default=2, help="seconds of load per server and workload before measuring")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--only", nargs="*", help="workload names")
    ap.add_argument("--servers", nargs="*", default=SERVERS, help="a subset of " + " ".join(SERVERS))
    ap.add_argument("--log-dir", default="/tmp")
    args = ap.parse_args()

    conn = psycopg.connect(autocommit=True)
    run_bench.setup(conn)
    with conn.cursor() as cur:
        cur.execute("SELECT version()")
        version = cur.fetchone()[0].split(",")[0]
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"postgresql://{os.environ.get('PGUSER', 'postgres')}@127.0.0.1:"
                                   f"{os.environ['PGPORT']}/{os.environ.get('PGDATABASE', 'postgres')}")
    env.setdefault("POOL_SIZE", "10")
    os.environ.update(env)
    argv = {
        "fraiseql-py": ([PYTHON, os.path.join(ROOT, "examples/python/app.py")], "graphql"),
        "handwritten": ([PYTHON, os.path.join(HERE, "handwritten_app.py")], "get"),
        "postgraphile": ([NODE22, os.path.join(HERE, "postgraphile_server.mjs")], "graphql"),
        "fraiseql-node": (["node", os.path.join(ROOT, "examples/node/server.mjs")], "graphql"),
    }
    workloads = [w for w in HTTP_WORKLOADS if not args.only or w.name in args.only]
    servers = []
    try:
        for name in args.servers:
            servers.append(Server(name, argv[name][0], argv[name][1], args.log_dir))
        for server in servers:
            server.wait_ready()
        sizes = {w.name: check(conn, servers, w) for w in workloads}
        print(f"# End-to-end HTTP benchmark: {version}; autocannon, {args.connections} connections, "
              f"{args.rounds} alternating rounds of {args.seconds} s (after {args.warmup} s of warm-up), medians; "
              f"pool {env['POOL_SIZE']}; load average at start {os.getloadavg()[0]:.2f}\n", flush=True)
        noop = next((s for s in servers if s.name == "handwritten"), None)
        if noop is not None:
            # The HTTP stack alone: a constant answer, no database; as a GET (the
            # hand-written app's requests) and as a POST with a GraphQL body (what
            # the example apps receive), the latter through a throwaway kind.
            class Noop:
                name, param, postgraphile, query = "noop", None, None, "{ users(limit: 10) { id email firstName } }"
            for kind in ("get", "graphql"):
                noop.kind, noop_url = kind, noop.url
                noop.url = lambda w: f"http://127.0.0.1:{noop.port}/noop"
                r = load(noop, Noop, args.seconds, args.connections)
                noop.url = noop_url
                print(f"uvicorn + Starlette without a database (handwritten_app.py /noop, "
                      f"{'GET' if kind == 'get' else 'POST with a GraphQL body'}): {r['rps']:.0f} req/s, "
                      f"p99 {r['p99']} ms, {r['app_us']:.0f} us of CPU per request", flush=True)
            noop.kind = "get"
            print()
        names = [s.name for s in servers]
        print("| workload | bytes | " + " | ".join(f"{n} req/s" for n in names) + " | "
              + " | ".join(f"{n} p99 ms" for n in names) + " | py/handwritten | py/postgraphile | goal |")
        print("|---|---:|" + "---:|" * (2 * len(names) + 2) + "---|")
        cpu_rows = []
        for w in workloads:
            active = [s for s in servers if s.serves(w)]
            for s in active:
                if args.warmup:
                    load(s, w, args.warmup, args.connections)
            rps = {s.name: [] for s in active}
            p99 = {s.name: [] for s in active}
            app_us = {s.name: [] for s in active}
            db_us = {s.name: [] for s in active}
            for _ in range(args.rounds):
                for s in active:
                    r = load(s, w, args.seconds, args.connections)
                    rps[s.name].append(r["rps"])
                    p99[s.name].append(r["p99"])
                    app_us[s.name].append(r["app_us"])
                    if r["db_us"] is not None:
                        db_us[s.name].append(r["db_us"])
            med = {k: statistics.median(v) for k, v in rps.items()}
            lat = {k: statistics.median(v) for k, v in p99.items()}

            def ratio(a, b):
                return f"{med[a] / med[b]:.2f}x" if a in med and b in med else "n/a"

            verdict = "n/a"
            if "fraiseql-py" in med and "handwritten" in med:
                verdict = f">= {w.goal}x: " + ("met" if med["fraiseql-py"] / med["handwritten"] >= w.goal else "not met")
            print(f"| {w.name} | {sizes[w.name] or ''} | "
                  + " | ".join(f"{med[n]:.0f}" if n in med else "n/a" for n in names) + " | "
                  + " | ".join(f"{lat[n]:g}" if n in lat else "n/a" for n in names) + " | "
                  + f"{ratio('fraiseql-py', 'handwritten')} | {ratio('fraiseql-py', 'postgraphile')} | {verdict} |",
                  flush=True)
            cpu_rows.append(f"| {w.name} | " + " | ".join(
                f"{statistics.median(app_us[n]):.0f} / {statistics.median(db_us[n]):.0f}" if db_us.get(n)
                else (f"{statistics.median(app_us[n]):.0f} / ?" if n in app_us else "n/a") for n in names) + " |")
        print("\nCPU time per request in microseconds, server process / PostgreSQL backends (medians over the "
              "rounds; from /proc, so the load of other processes does not inflate it as it does req/s):\n")
        print("| workload | " + " | ".join(names) + " |")
        print("|---|" + "---:|" * len(names))
        print("\n".join(cpu_rows))
        print(f"\nLoad average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
