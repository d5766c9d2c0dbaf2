#!/usr/bin/env bash
# run_bench.sh: `make bench`'s SQL-level part: a throwaway cluster, then
# bench/sql/run_bench.py (arguments are passed on, e.g. --seconds 10 --only users_1000).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/scripts/cluster.sh
cluster_start
PG_BIN=$PG_BIN /usr/bin/python3 bench/sql/run_bench.py --pg-bin "$PG_BIN" "$@"
