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
    print("| input | bytes | fraiseql best | fraiseql median | warm arena best | warm median "
          "| retained blocks best | retained median "
          "| graphql-js best | graphql-js median | speed-up (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    missing = False
    for name in order:
        r = rows[name]
        if any(engine not in r for engine in ("fraiseql", "fraiseql-warm", "fraiseql-retained", "graphql-js")):
            missing = True
            continue
        f, w, k, g = r["fraiseql"], r["fraiseql-warm"], r["fraiseql-retained"], r["graphql-js"]
        print(f"| {LABELS.get(name, name)} | {r['bytes']} | {f[1]:.1f} | {f[2]:.1f} | {w[1]:.1f} | {w[2]:.1f} "
              f"| {k[1]:.1f} | {k[2]:.1f} | {g[1]:.1f} | {g[2]:.1f} | {f[2] / g[2]:.1f}x |")
    print("\nMB/s with MB = 10^6 bytes of UTF-8 source; best and median over the timed runs of one process each.\n"
          "fraiseql: a fresh heap arena per parse (page faults included); warm arena: one arena reset between\n"
          "parses; retained blocks: a fresh arena per parse over one util::RetainingBlockSource (what the glue\n"
          "can do). Speed-up: fraiseql (fresh heap arena) median over graphql-js median.")
    if missing or not order:
        sys.exit("table: a driver produced no result for some input")


if __name__ == "__main__":
    main()
