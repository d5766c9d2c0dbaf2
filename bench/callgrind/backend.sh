#!/usr/bin/env bash
# backend.sh [N]: instructions per fraiseql.execute call inside one PostgreSQL
# backend, under callgrind (counts do not depend on machine load). Run it
# against a throwaway cluster (after make install), e.g.
#   bash -c '. test/scripts/cluster.sh && cluster_start && bench/callgrind/backend.sh 10' 
# Loads bench/sql's data and schema, stops the postmaster, then runs
# `postgres --single` under callgrind on two scripts: N+1 cold calls of the
# 30-field COLD_QUERY (fraiseql.cache_reset() before each) and N+1 hot calls
# (cache hits: the point lookup and the empty view). Only fraiseql_execute is
# collected, one dump per call; the first call of each script (schema load,
# catalog caches) is left out. Writes build/bench/callgrind/backend_*.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10}
. bench/callgrind/setup.sh
data=$FRAISEQL_CLUSTER_DIR/data
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
q=$(python3 -c "import sys; sys.path.insert(0, 'bench/sql'); from workloads import COLD_QUERY; print(COLD_QUERY)")
id="'{\"id\": \"00000000-0000-4000-8000-000000000001\"}'"
point='query($id: UUID!) { user(id: $id) { id email firstName } }'
{
	for i in $(seq 0 "$n"); do
		echo "SELECT fraiseql.cache_reset()"
		echo "SELECT length(fraiseql.execute('$q', $id))"
	done
} >"$out/backend_cold.sql"
{
	for i in $(seq 0 "$n"); do echo "SELECT length(fraiseql.execute('$point', $id))"; done
} >"$out/backend_point.sql"
{
	for i in $(seq 0 "$n"); do echo "SELECT length(fraiseql.execute('{ empties { id } }'))"; done
} >"$out/backend_empty.sql"
for w in cold point empty; do
	rm -f "$out"/backend_$w.cg*
	runuser -u postgres -- valgrind --tool=callgrind --toggle-collect=fraiseql_execute --dump-after=fraiseql_execute \
		--callgrind-out-file="$out/backend_$w.cg" "$bin/postgres" --single -D "$data" postgres \
		<"$out/backend_$w.sql" >"$out/backend_$w.out" 2>"$out/backend_$w.log"
	# Dumps .1 .. .N+1 are the calls; the first is the warm-up.
	python3 - "$out" "$w" "$n" <<'PY'
import re, sys, statistics
out, w, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
totals = []
for k in range(2, n + 2):
    text = open(f"{out}/backend_{w}.cg.{k}").read()
    totals.append(int(re.search(r"^totals: (\d+)", text, re.M).group(1)))
print(f"backend {w}: median {int(statistics.median(totals))} instructions per call "
      f"(min {min(totals)}, max {max(totals)}, {n} calls)")
PY
	callgrind_annotate --inclusive=yes "$out/backend_$w.cg.$((n + 1))" >"$out/backend_${w}_incl.txt" 2>/dev/null || true
	callgrind_annotate "$out/backend_$w.cg.$((n + 1))" >"$out/backend_${w}_self.txt" 2>/dev/null || true
done
