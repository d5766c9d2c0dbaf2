"""wallclock.py: issue 19's features in wall-clock time (bench/callgrind/production.sh
has the same in instructions).

Run by bench/production/wallclock.sh against a throwaway cluster with fraiseql in
shared_preload_libraries (so statistics live in shared memory, as in production).

Part 1, overhead: pgbench -M prepared, one client, the point lookup and the
1,000-row list of bench/sql/workloads.py under four settings, interleaved round
by round: base (track_operations off, max_cost 0), statistics on, admission on
(max_cost high enough to pass), both. Medians per setting; the noise is the
spread of the base rounds.

Part 1b, the same overhead inside one backend (a PL/pgSQL loop per round,
settings switched with SET between rounds): no client round trips, so it holds
up on a shared machine where pgbench rounds vary by a third.

Part 2, first request on a fresh backend behind pgbouncer (transaction mode, one
server connection): pgbouncer's RECONNECT gives each trial a new backend, then
one client sends the SQL benchmark's read operations (all persisted), each for
the first time on that backend, and the time of each request is taken at the
client. Three ways: cold; `fraiseql.prewarm_on_first_call = on` (a role
setting, the only hook behind pgbouncer); and a backend that ran
`fraiseql.prewarm()` before the first request (a driver pool's connection-init
callback; direct connection, since pgbouncer has no such hook)."""

import argparse
import os
import statistics
import subprocess
import sys
import time

import psycopg

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "sql"))
from backend_ratio import loop_ms  # noqa: E402
from run_bench import RANDOM_N, execute_sql, pgbench, setup  # noqa: E402
from workloads import WORKLOADS  # noqa: E402

SETTINGS = {
    "base": "-c fraiseql.track_operations=off -c fraiseql.max_cost=0",
    "statistics": "-c fraiseql.track_operations=on -c fraiseql.max_cost=0",
    "admission": "-c fraiseql.track_operations=off -c fraiseql.max_cost=1e9",
    "both": "-c fraiseql.track_operations=on -c fraiseql.max_cost=1e9",
}
READS = ["point_lookup", "users_10", "posts_100_nested", "filtered_ordered", "deep_nesting", "connection_page"]


def overhead(pg_bin, rounds, seconds):
    print(f"## Overhead: pgbench -M prepared, 1 client, {rounds} interleaved rounds of {seconds} s per setting\n")
    print("| workload | setting | tps (median) | against base | rounds (tps) |")
    print("|---|---|---|---|---|")
    for name in ("point_lookup", "users_1000"):
        w = next(w for w in WORKLOADS if w.name == name)
        script = RANDOM_N + f"SELECT length({execute_sql(w)});\n"
        runs = {s: [] for s in SETTINGS}
        for _ in range(rounds):
            for s, options in SETTINGS.items():
                os.environ["PGOPTIONS"] = options
                runs[s].append(pgbench(pg_bin, script, seconds, 1))
        os.environ.pop("PGOPTIONS", None)
        base = statistics.median(runs["base"])
        noise = (max(runs["base"]) - min(runs["base"])) / base
        for s, tps in runs.items():
            m = statistics.median(tps)
            print(f"| {name} | {s} | {m:.0f} | {m / base:.3f}x | {', '.join(f'{t:.0f}' for t in tps)} |")
        print(f"| {name} | noise | | base rounds spread {noise * 100:.1f}% of the median | |", flush=True)


def overhead_in_backend(conn, rounds):
    """The same four settings inside one backend: a PL/pgSQL loop of calls
    timed with clock_timestamp, settings switched with SET between rounds.
    No client round trips, so far less noise than pgbench on a shared machine."""
    print(f"\n## Overhead in one backend: {rounds} interleaved rounds per setting, PL/pgSQL loop, medians of us per call\n")
    print("| workload | setting | us per call (median) | against base | spread of base rounds |")
    print("|---|---|---|---|---|")
    for name, calls in (("point_lookup", 2000), ("users_1000", 100)):
        w = next(w for w in WORKLOADS if w.name == name)
        call = execute_sql(w, "1 + i % 10000")
        runs = {s: [] for s in SETTINGS}
        with conn.cursor() as cur:
            for _ in range(rounds):
                for s, options in SETTINGS.items():
                    for option in options.split("-c ")[1:]:
                        key, value = option.strip().split("=")
                        cur.execute(f"SET {key} = '{value}'")
                    runs[s].append(loop_ms(cur, call, calls, "bytea") * 1e3)
            cur.execute("RESET fraiseql.track_operations")
            cur.execute("RESET fraiseql.max_cost")
        base = statistics.median(runs["base"])
        spread = (statistics.quantiles(runs["base"], n=4)[2] - statistics.quantiles(runs["base"], n=4)[0]) / base
        for s, us in runs.items():
            m = statistics.median(us)
            print(f"| {name} | {s} | {m:.2f} | {m / base:.3f}x | {spread * 100:.1f}% (interquartile) |", flush=True)


def admin(bouncer_port, command):
    subprocess.run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(bouncer_port), "-U", os.environ["PGUSER"],
                    "-d", "pgbouncer", "-c", command], check=True, capture_output=True)


def first_requests(conninfo, requests, before=None):
    """Times each request (ms) on one connection; `before` runs first, untimed."""
    out = []
    with psycopg.connect(conninfo, autocommit=True, prepare_threshold=None) as conn:
        with conn.cursor() as cur:
            if before:
                cur.execute(before)
            for query, variables in requests:
                t0 = time.perf_counter()
                cur.execute("SELECT length(fraiseql.execute(%s, %s::jsonb))", (query, variables))
                cur.fetchone()
                out.append((time.perf_counter() - t0) * 1e3)
    return out


def first_call(conn, bouncer_port, trials):
    requests = []
    with conn.cursor() as cur:
        for name in READS:
            w = next(w for w in WORKLOADS if w.name == name)
            cur.execute("SELECT fraiseql.persist(%s)", (w.query,))
            variables = None
            if w.variables != "NULL":
                cur.execute(f"SELECT ({w.variables.replace(':n', '17')})::text")
                variables = cur.fetchone()[0]
            requests.append((w.query, variables))
        cur.execute("SELECT count(*) FROM fraiseql.persisted_query")
        persisted = cur.fetchone()[0]
    user = os.environ["PGUSER"]
    via_bouncer = f"host=127.0.0.1 port={bouncer_port} dbname={os.environ['PGDATABASE']} user={user}"
    direct = ""  # the PG* environment
    modes = {"cold (behind pgbouncer)": (via_bouncer, "off", None),
             "prewarm_on_first_call = on (behind pgbouncer)": (via_bouncer, "on", None),
             "fraiseql.prewarm() at connection start (direct)": (direct, "off", "SELECT fraiseql.prewarm()")}
    results = {m: [] for m in modes}
    for _ in range(trials):
        for mode, (conninfo, on_first, before) in modes.items():
            with conn.cursor() as cur:
                cur.execute(f"ALTER ROLE {user} SET fraiseql.prewarm_on_first_call = {on_first}")
            admin(bouncer_port, "RECONNECT")
            results[mode].append(first_requests(conninfo, requests, before))
    with conn.cursor() as cur:
        cur.execute(f"ALTER ROLE {user} RESET fraiseql.prewarm_on_first_call")
    print(f"\n## First requests on a fresh backend: {len(requests)} read operations ({', '.join(READS)}), "
          f"{persisted} persisted documents, each sent once in that order; medians of {trials} trials, ms at the client\n")
    print("| backend | first request (point_lookup) | each later first-time operation (median) | all "
          f"{len(requests)} requests |")
    print("|---|---|---|---|")
    for mode, trials_ms in results.items():
        first = statistics.median(t[0] for t in trials_ms)
        later = statistics.median(statistics.median(t[1:]) for t in trials_ms)
        total = statistics.median(sum(t) for t in trials_ms)
        print(f"| {mode} | {first:.2f} | {later:.2f} | {total:.2f} |")
    # The steady state for comparison: the same requests on a warm backend.
    warm = first_requests(via_bouncer, requests * 2)[len(requests):]
    print(f"| warm backend (second time round, for comparison) | {warm[0]:.2f} | {statistics.median(warm[1:]):.2f} | "
          f"{sum(warm):.2f} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-bin", required=True)
    ap.add_argument("--bouncer-port", type=int, required=True)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--trials", type=int, default=15)
    ap.add_argument("--backend-rounds", type=int, default=21)
    ap.add_argument("--parts", nargs="*", default=["pgbench", "backend", "first"], choices=["pgbench", "backend", "first"])
    args = ap.parse_args()
    conn = psycopg.connect(autocommit=True)
    setup(conn)
    with conn.cursor() as cur:
        cur.execute("SHOW shared_preload_libraries")
        preload = cur.fetchone()[0]
    print(f"# Issue 19 wall clock: shared_preload_libraries = '{preload}', load average at start "
          f"{os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    if "pgbench" in args.parts:
        overhead(args.pg_bin, args.rounds, args.seconds)
    if "backend" in args.parts:
        overhead_in_backend(conn, args.backend_rounds)
    if "first" in args.parts:
        first_call(conn, args.bouncer_port, args.trials)
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
