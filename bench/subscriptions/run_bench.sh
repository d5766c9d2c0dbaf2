#!/usr/bin/env bash
# run_bench.sh: the subscriptions benchmark (issue 21; not part of make test or
# make bench). npm ci for graphql-ws when missing or older than the lock file,
# a throwaway cluster unless FRAISEQL_CLUSTER_DIR and PGPORT say one is ours,
# then bench.py (arguments passed on: --seconds 20 --rate 100 --subscribers 1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=bench/subscriptions
if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ -z "${FRAISEQL_CLUSTER_DIR:-}" ] || [ -z "${PGPORT:-}" ]; then
	. test/scripts/cluster.sh
	cluster_start
fi
/usr/bin/python3 "$dir/bench.py" "$@"
