#!/usr/bin/env bash
# run_http_bench.sh: `make bench`'s end-to-end HTTP part (issue 9, part 3): a
# throwaway cluster (or the one in PGHOST/PGPORT when FRAISEQL_CLUSTER_DIR says
# it is ours already), the npm packages (autocannon, PostGraphile 5, node 22;
# `npm ci` when missing or older than the lock file), then
# bench/http/run_http_bench.py, which starts the four servers, checks their
# answers, runs autocannon and prints the table. Arguments are passed on, e.g.
# --seconds 10 --rounds 3 --only users_1000.
set -euo pipefail
cd "$(dirname "$0")/../.."

npm_ci() {
	if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
		(cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
npm_ci bench/http
npm_ci examples/node

if [ -z "${FRAISEQL_CLUSTER_DIR:-}" ] || [ -z "${PGPORT:-}" ]; then
	. test/scripts/cluster.sh
	cluster_start
fi
/usr/bin/python3 bench/http/run_http_bench.py "$@"
