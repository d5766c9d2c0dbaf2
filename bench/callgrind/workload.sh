#!/usr/bin/env bash
# workload.sh NAME [N]: instructions per call of one bench/sql workload, the
# fraiseql side against its hand-written SQL, counted by callgrind (so the
# figure does not depend on machine load). A throwaway cluster (after make
# install; PG_CONFIG chooses the PostgreSQL) gets bench/sql's data and
# schema; then `postgres --single` runs each side 1 and N+1 times under
# callgrind and the difference of the two totals, over N, is one call (the
# first call, with schema load, plan and catalog caches, is left out).
# Planning of the hand-written statement is counted, as fraiseql's is.
# Example: bench/callgrind/workload.sh aggregate_group_by 3
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1
n=${2:-3}
. test/scripts/cluster.sh
cluster_start
bin=$("$PG_CONFIG" --bindir)
out=$PWD/build/bench/callgrind
mkdir -p "$out"
chmod 777 "$out"
"$bin/psql" -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION fraiseql" -f bench/sql/data.sql >/dev/null
"$bin/psql" -qX -v ON_ERROR_STOP=1 -c "SELECT fraiseql.load_schema(\$s\$$(cat bench/sql/schema.graphql)\$s\$)" >/dev/null
# One line per side; :n (a random 1..10000 under pgbench) is 1 here.
python3 - "$name" >"$out/workload_$name.txt" <<'PY'
import sys
sys.path.insert(0, "bench/sql")
from workloads import WORKLOADS
w = next(x for x in WORKLOADS if x.name == sys.argv[1])
q = w.query.replace("'", "''")
print(f"SELECT length(fraiseql.execute('{q}', {w.variables}))".replace(":n", "1"))
print(f"SELECT length(({w.handwritten})::text)".replace(":n", "1"))
PY
runuser -u postgres -- "$bin/pg_ctl" -D "$FRAISEQL_CLUSTER_DIR/data" -m fast -w stop >/dev/null
total() { # side (1 or 2), calls
	local script=$out/workload_${name}_$1_$2
	for _ in $(seq 1 "$2"); do sed -n "$1p" "$out/workload_$name.txt"; done >"$script.sql"
	chmod 644 "$script.sql"
	rm -f "$script.cg"
	runuser -u postgres -- valgrind --tool=callgrind --callgrind-out-file="$script.cg" "$bin/postgres" --single \
		-D "$FRAISEQL_CLUSTER_DIR/data" postgres <"$script.sql" >"$script.out" 2>"$script.log"
	sed -n 's/^totals: //p' "$script.cg"
}
ours=$(( ($(total 1 $((n + 1))) - $(total 1 1)) / n ))
theirs=$(( ($(total 2 $((n + 1))) - $(total 2 1)) / n ))
python3 -c "print(f'$name: fraiseql {$ours:,} instructions per call, hand-written {$theirs:,}: '
                  f'{$theirs / $ours:.4f}x (hand-written / fraiseql, as a throughput ratio)')"
