"""backend_ratio.py: fraiseql against the hand-written SQL of bench/sql/workloads.py
inside one backend, for workloads whose pgbench figures vary more than the
difference being measured (few transactions per second, a shared machine).

Each round times a PL/pgSQL loop of N calls of each side (clock_timestamp),
the two sides alternating round by round; the figure is the median time per
call of each side and their ratio (hand-written time / fraiseql time, so
above 1.0x means fraiseql is faster, as in the pgbench tables). Both sides
produce the response text in the backend (`length()` of it), as the "server"
columns of run_bench.py do. Run against a cluster prepared by run_bench.py's
setup (bench/run_bench.sh does it; or any cluster with bench/sql's data):

    bash -c '. test/scripts/cluster.sh && cluster_start && \
             /usr/bin/python3 bench/sql/backend_ratio.py --only some_filter aggregate_group_by'
"""

import argparse
import os
import statistics
import sys

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_bench import execute_sql, handwritten_sql, same_json, setup  # noqa: E402
from workloads import WORKLOADS  # noqa: E402


def loop_ms(cur, statement, calls, result_type="int"):
    """Milliseconds per call of `statement` (of `result_type`) over a PL/pgSQL loop of `calls`."""
    cur.execute(f"""DO $$ DECLARE t0 timestamptz; n {result_type}; BEGIN
        t0 := clock_timestamp();
        FOR i IN 1..{calls} LOOP n := {statement}; END LOOP;
        PERFORM set_config('bench.ms', (extract(epoch from clock_timestamp() - t0) * 1e3 / {calls})::text, false);
    END $$""")
    cur.execute("SELECT current_setting('bench.ms')::float8")
    return cur.fetchone()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="+", required=True)
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--target-ms", type=float, default=200, help="time per side per round")
    args = ap.parse_args()
    conn = psycopg.connect(autocommit=True)
    setup(conn)
    print(f"# In one backend: {args.rounds} alternating rounds, medians of ms per call; load average at start "
          f"{os.getloadavg()[0]:.2f}\n")
    print("| workload | fraiseql ms per call | hand-written ms per call | ratio (hand-written / fraiseql) | "
          "ratio per round: min, quartiles, max |")
    print("|---|---|---|---|---|")
    with conn.cursor() as cur:
        for w in WORKLOADS:
            if w.name not in args.only:
                continue
            same_json(conn, w)
            ours = f"length({execute_sql(w, '1 + i % 10000')})"
            theirs = f"length(({handwritten_sql(w, '1 + i % 10000')})::text)"
            probe = loop_ms(cur, ours, 1)
            calls = max(1, int(args.target_ms / max(probe, 0.001)))
            a, b = [], []
            for _ in range(args.rounds):
                a.append(loop_ms(cur, ours, calls))
                b.append(loop_ms(cur, theirs, calls))
            ratios = sorted(y / x for x, y in zip(a, b))
            q = statistics.quantiles(ratios, n=4)
            print(f"| {w.name} | {statistics.median(a):.3f} | {statistics.median(b):.3f} | "
                  f"{statistics.median(b) / statistics.median(a):.3f}x | "
                  f"{ratios[0]:.2f}, {q[0]:.2f}, {q[1]:.2f}, {q[2]:.2f}, {ratios[-1]:.2f} |", flush=True)
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
