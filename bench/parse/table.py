#!/usr/bin/python3
"""table.py: joins parse_bench outputs (fraiseql and graphql-js lines) into a markdown table.

Usage: table.py RESULTS.tsv   (the lines both drivers print, in any order)
"""
import sys

LABELS = {
    "kitchen_sink_1mb.graphql": "(a) kitchen sink x N, 1 MiB",
    "introspection.graphql": "(b) introspection query",
    "github_sdl.graphql": "(c) GitHub-sized SDL",
}


def main():
    rows = {}
    order = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 6:
                continue
            engine, name, size, runs, best, median = parts
            if name not in rows:
                rows[name] = {"bytes": int(size)}
                order.append(name)
            rows[name][engine] = (int(runs), float(best), float(median))
    print("| input | bytes | fraiseql best | fraiseql median | fraiseql warm arena best | warm median "
          "| graphql-js best | graphql-js median | speed-up (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    missing = False
    for name in order:
        r = rows[name]
        if any(engine not in r for engine in ("fraiseql", "fraiseql-warm", "graphql-js")):
            missing = True
            continue
        f, w, g = r["fraiseql"], r["fraiseql-warm"], r["graphql-js"]
        print(f"| {LABELS.get(name, name)} | {r['bytes']} | {f[1]:.1f} | {f[2]:.1f} | {w[1]:.1f} | {w[2]:.1f} "
              f"| {g[1]:.1f} | {g[2]:.1f} | {f[2] / g[2]:.1f}x |")
    print("\nMB/s with MB = 10^6 bytes of UTF-8 source; best and median over the timed runs of one process each.\n"
          "fraiseql: a fresh arena per parse (the glue's case, page faults included); warm arena: one arena\n"
          "reset between parses. Speed-up: fraiseql (fresh arena) median over graphql-js median.")
    if missing or not order:
        sys.exit("table: a driver produced no result for some input")


if __name__ == "__main__":
    main()
