#!/usr/bin/env bash
# run_tests.sh: the `make test` runner. Runs every suite against a throwaway
# cluster, shows each one's output, and ends with one line "N passed, M failed"
# summed over all suites. A suite that fails to report a summary counts as a
# failure, so a crash can never pass for a green run.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh

total_passed=0
total_failed=0
log=$(mktemp /tmp/fraiseql-suite.XXXXXX)
cleanup() { rm -f "$log"; cluster_stop; }

# run_suite NAME COMMAND...: runs it, then reads its "NAME: N passed, M failed" line.
run_suite() {
	local name=$1
	shift
	echo "=== $name"
	set +e
	"$@" 2>&1 | tee "$log"
	local status=${PIPESTATUS[0]}
	set -e
	local summary
	summary=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1 || true)
	if [ -z "$summary" ]; then
		echo "$name: no summary (exit status $status): counted as 1 failure"
		total_failed=$((total_failed + 1))
		return
	fi
	local passed failed
	passed=$(echo "$summary" | sed -E 's/^[^:]+: ([0-9]+) passed.*/\1/')
	failed=$(echo "$summary" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
		failed=1 # exited non-zero while claiming success
	fi
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
}

# pg_regress prints its own summary; turn it into the common form. (It deletes
# regression.out when every test passed, so read its console output instead.)
regress() {
	rm -rf regression.out regression.diffs output_iso
	local out
	out=$(mktemp /tmp/fraiseql-regress.XXXXXX)
	set +e
	make -s installcheck 2>&1 | tee "$out"
	local status=${PIPESTATUS[0]}
	set -e
	local diffs
	for diffs in regression.diffs output_iso/regression.diffs; do
		if [ -s "$diffs" ]; then
			echo "--- $diffs"
			cat "$diffs"
		fi
	done
	# Two runs report: pg_regress (sql/) and pg_isolation_regress (specs/).
	local passed=0 failed=0 n f
	while read -r n; do
		passed=$((passed + n))
	done < <(grep -oE 'All [0-9]+ tests passed' "$out" | grep -oE '[0-9]+')
	while read -r f n; do
		passed=$((passed + n - f))
		failed=$((failed + f))
	done < <(grep -oE '[0-9]+ of [0-9]+ tests failed' "$out" | awk '{print $1, $3}')
	if [ "$passed" -gt 0 ] || [ "$failed" -gt 0 ]; then
		echo "regress: $passed passed, $failed failed"
	fi
	rm -f "$out"
	return "$status"
}

cluster_start
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

run_suite unit build/unit_tests
# Nothing tracked may refer to a path outside the repository.
run_suite self-contained /usr/bin/python3 test/scripts/check_self_contained.py
run_suite conformance build/conformance test/conformance/data
if grep -q '^fuzz-replay:' Makefile; then
	run_suite fuzz-replay make -s fuzz-replay
fi
run_suite regress regress
run_suite doc /usr/bin/python3 test/scripts/doc_test.py
run_suite integration /usr/bin/python3 test/integration/test_drivers.py
run_suite hostile /usr/bin/python3 test/integration/test_hostile.py
run_suite shared-cache /usr/bin/python3 test/integration/test_shared_cache.py
run_suite differential /usr/bin/python3 test/integration/test_differential.py
run_suite differential-aggregates /usr/bin/python3 test/integration/test_differential_aggregates.py
run_suite index-use /usr/bin/python3 test/integration/test_index_use.py
run_suite operator-docs /usr/bin/python3 test/integration/test_operator_docs.py
run_suite faults /usr/bin/python3 test/integration/test_faults.py
run_suite deploy /usr/bin/python3 test/integration/test_deploy.py
run_suite backup /usr/bin/python3 test/integration/test_backup.py
run_suite upgrade /usr/bin/python3 test/integration/test_upgrade.py
run_suite demo /usr/bin/python3 test/integration/test_demo.py
run_suite leak /usr/bin/python3 bench/leak/leak_check.py --calls 20000 --warmup 10000
run_suite mutations /usr/bin/python3 test/integration/test_mutations_concurrent.py
run_suite tool /usr/bin/python3 test/integration/test_tool.py
# Its own servers (make test-ha runs 60 s of mutations; 20 here keeps make test short).
run_suite ha env HA_SECONDS=20 /usr/bin/python3 test/integration/test_ha.py
run_suite production /usr/bin/python3 test/integration/test_production.py

# graphql-js (pinned in its package-lock.json) reads our introspection answer.
introspection() {
	local dir=test/integration/introspection
	if [ ! -d "$dir/node_modules/graphql" ]; then
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
	fi
	node "$dir/introspection_test.mjs"
}
run_suite introspection introspection
# The HTTP examples under graphql-http's audit, APQ through them (npm ci inside).
run_suite http bash test/http/run_http_tests.sh
run_suite serve /usr/bin/python3 test/integration/test_serve.py
run_suite asgi /usr/bin/python3 test/integration/test_asgi.py
# Subscriptions (graphql-ws and graphql-sse, pinned in test/subscriptions; npm ci inside).
run_suite subscriptions /usr/bin/python3 test/integration/test_subscriptions.py
# Last: it swaps the system PostgreSQL's fraiseql files for the package's a while
# (builds it with make deb, installs, tests, removes it and puts them back).
run_suite deb bash test/scripts/deb_test.sh

echo
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
