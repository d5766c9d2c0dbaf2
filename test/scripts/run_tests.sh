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
	rm -f regression.out regression.diffs
	local out
	out=$(mktemp /tmp/fraiseql-regress.XXXXXX)
	set +e
	make -s installcheck 2>&1 | tee "$out"
	local status=${PIPESTATUS[0]}
	set -e
	if [ -s regression.diffs ]; then
		echo "--- regression.diffs"
		cat regression.diffs
	fi
	local counts
	if counts=$(grep -oE 'All [0-9]+ tests passed' "$out"); then
		echo "regress: $(echo "$counts" | grep -oE '[0-9]+') passed, 0 failed"
	elif counts=$(grep -oE '[0-9]+ of [0-9]+ tests failed' "$out"); then
		local f n
		f=$(echo "$counts" | awk '{print $1}')
		n=$(echo "$counts" | awk '{print $3}')
		echo "regress: $((n - f)) passed, $f failed"
	fi
	rm -f "$out"
	return "$status"
}

cluster_start
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

run_suite unit build/unit_tests
run_suite conformance build/conformance ../shared/conformance
if grep -q '^fuzz-replay:' Makefile; then
	run_suite fuzz-replay make -s fuzz-replay
fi
run_suite regress regress
run_suite integration /usr/bin/python3 test/integration/test_drivers.py

echo
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
