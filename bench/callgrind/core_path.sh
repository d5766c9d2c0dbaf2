#!/usr/bin/env bash
# core_path.sh [N]: instructions per call of the core's share of fraiseql.execute
# (no database) for bench/sql's 30-field COLD_QUERY, cold (cache cleared before
# each call) and hot (cache hit), under callgrind. Prints per-call totals and
# writes the annotated profiles to build/bench/callgrind/core_{cold,hot}.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20}
out=build/bench/callgrind
mkdir -p $out
make -s -j2 build/libfraiseql_core.a
g++ -std=c++17 -Wall -Wextra -Werror -Wshadow -O2 -g -Isrc -Itest -o $out/core_path \
	bench/callgrind/core_path.cc test/unit/support/jsonb_builder.cc build/libfraiseql_core.a
query=$(python3 -c "import sys; sys.path.insert(0, 'bench/sql'); from workloads import COLD_QUERY; print(COLD_QUERY)")
vars='{"id":"00000000-0000-4000-8000-000000000001"}'
for mode in cold hot; do
	valgrind --tool=callgrind --toggle-collect='core_path_call*' --callgrind-out-file=$out/core_$mode.cg \
		$out/core_path bench/sql/schema.graphql $mode "$n" "$query" "$vars" >/dev/null 2>$out/core_$mode.log
	total=$(grep -E '^(summary|totals):' $out/core_$mode.cg | tail -1 | awk '{print $2}')
	callgrind_annotate --inclusive=yes $out/core_$mode.cg >$out/core_$mode.txt 2>/dev/null
	echo "core $mode: $((total / n)) instructions per call ($n calls)"
done
