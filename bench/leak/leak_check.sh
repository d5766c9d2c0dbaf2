#!/usr/bin/env bash
# leak_check.sh [ARGS]: runs bench/leak/leak_check.py ARGS against a throwaway
# cluster (the installed extension; `make install` first). Run as root.
# The recorded run: bench/leak/leak_check.sh --calls 1000000 (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh
cluster_start
/usr/bin/python3 bench/leak/leak_check.py "$@"
