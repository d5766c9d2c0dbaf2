#!/usr/bin/env bash
# production.sh [N]: what issue 19's features cost, in instructions per
# fraiseql.execute call inside one backend under callgrind (load-independent),
# the same way backend.sh measures: `postgres --single` with fraiseql preloaded,
# N+1 calls per script, the first left out.
#  - point lookup and a 1000-row list, each with statistics off / on, and
#    admission control off / on (fraiseql.max_cost set high enough to pass);
#  - the first call on a fresh backend, with and without fraiseql.prewarm()
#    before it (one call each; prewarm itself is not counted).
# Run it against a throwaway cluster after make install, e.g.
#   bash -c '. test/scripts/cluster.sh && cluster_start && bench/callgrind/production.sh 5'
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-5}
. bench/callgrind/setup.sh
point='query($id: UUID!) { user(id: $id) { id email firstName } }'
list='{ users(limit: 1000) { id email firstName } }'
psql -qX -v ON_ERROR_STOP=1 -c "SELECT fraiseql.persist('$point')" >/dev/null
data=$FRAISEQL_CLUSTER_DIR/data
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
id="'{\"id\": \"00000000-0000-4000-8000-000000000001\"}'"

# run NAME SETTINGS SCRIPT-LINES...: instructions per collected call.
run() {
	local name=$1 settings=$2
	shift 2
	printf '%s\n' "$@" >"$out/prod_$name.sql"
	rm -f "$out"/prod_$name.cg*
	# shellcheck disable=SC2086
	runuser -u postgres -- valgrind --tool=callgrind --toggle-collect=fraiseql_execute --dump-after=fraiseql_execute \
		--callgrind-out-file="$out/prod_$name.cg" "$bin/postgres" --single -D "$data" \
		-c shared_preload_libraries=fraiseql $settings postgres \
		<"$out/prod_$name.sql" >"$out/prod_$name.out" 2>"$out/prod_$name.log"
	python3 - "$out" "$name" <<'PY'
import glob, re, statistics, sys
out, name = sys.argv[1], sys.argv[2]
dumps = sorted(glob.glob(f"{out}/prod_{name}.cg.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
totals = [int(re.search(r"^totals: (\d+)", open(p).read(), re.M).group(1)) for p in dumps]
kept = totals[1:] if len(totals) > 1 else totals
print(f"{name}: median {int(statistics.median(kept))} instructions per call ({len(kept)} calls)")
PY
}

calls() { for _ in $(seq 0 "$n"); do echo "$1"; done; }
for w in point list; do
	if [ $w = point ]; then q="SELECT length(fraiseql.execute('$point', $id))"; else q="SELECT length(fraiseql.execute('$list'))"; fi
	mapfile -t lines < <(calls "$q")
	run "${w}_base" "-c fraiseql.track_operations=off" "${lines[@]}"
	run "${w}_stats" "-c fraiseql.track_operations=on" "${lines[@]}"
	run "${w}_admission" "-c fraiseql.track_operations=off -c fraiseql.max_cost=1e9" "${lines[@]}"
	run "${w}_both" "-c fraiseql.track_operations=on -c fraiseql.max_cost=1e9" "${lines[@]}"
done
first="SELECT length(fraiseql.execute('$point', $id))"
run first_cold "-c fraiseql.track_operations=on" "$first"
run first_prewarmed "-c fraiseql.track_operations=on" "SELECT fraiseql.prewarm()" "$first"
