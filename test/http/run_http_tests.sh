#!/usr/bin/env bash
# run_http_tests.sh: the HTTP examples against the running test cluster (PGHOST,
# PGPORT, PGUSER as run_tests.sh exports them). Loads the demo schema and data
# into a database of its own, starts examples/python/app.py (asyncpg),
# examples/python/app_psycopg.py and examples/node/server.mjs on free ports,
# runs graphql-http's audit (test/http/audit.mjs) and test/http/http_test.py
# (APQ round trip and more) against each, then the allowlist deployment and
# GraphiQL in headless Chromium (skipped with a note without Chromium); stops
# the servers (also on failure) and prints "http: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. test/scripts/demo_database.sh
python=/usr/bin/python3
database=fraiseql_http
export PGDATABASE=$database

passed=0
failed=0
pids=()
logs=$(mktemp -d /tmp/fraiseql-http.XXXXXX)

stop_servers() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	pids=()
}
cleanup() {
	stop_servers
	rm -rf "$logs"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

fail() {
	echo "http: $*"
	failed=$((failed + 1))
}

free_port() {
	$python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready NAME PORT PID: until GET /health answers (30 s), or the server died.
wait_ready() {
	local name=$1 port=$2 pid=$3 i
	for i in $(seq 1 150); do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "http: $name exited before it was ready:"
			cat "$logs/$name.log"
			return 1
		fi
		if $python -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=2)" 2>/dev/null; then
			return 0
		fi
		sleep 0.2
	done
	echo "http: $name not ready after 30 s:"
	cat "$logs/$name.log"
	return 1
}

# count_summary LABEL FILE: adds the "LABEL: N passed, M failed" line of FILE.
count_summary() {
	local summary
	summary=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed" "$2" | tail -n 1)
	if [ -z "$summary" ]; then
		fail "$1 printed no summary"
		return
	fi
	passed=$((passed + $(echo "$summary" | sed -E 's/^[^:]+: ([0-9]+) passed.*/\1/')))
	failed=$((failed + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
}

# npm_ci DIR: installs DIR's locked packages when missing or older than the lock file.
npm_ci() {
	if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
		(cd "$1" && npm ci --no-audit --no-fund --loglevel=error) || return 1
	fi
}

# --- set-up: the demo in its own database
PGDATABASE=postgres dropdb --if-exists "$database" && PGDATABASE=postgres createdb "$database" || {
	echo "http: cannot create database $database"
	echo "http: 0 passed, 1 failed"
	exit 1
}
if ! load_demo_database; then
	echo "http: loading the demo failed"
	echo "http: 0 passed, 1 failed"
	exit 1
fi
npm_ci test/http || fail "npm ci in test/http failed"
npm_ci examples/node || fail "npm ci in examples/node failed"

# The framework-free HTTP modules of both examples on the same cases.
echo "--- protocol cases (test/http/protocol_cases.json)"
$python test/http/protocol_sql.py | tee "$logs/protocol-sql.out"
count_summary protocol-sql "$logs/protocol-sql.out"

# run_server NAME COMMAND...: starts it on a free port (--port is appended), audits and tests it.
run_server() {
	local name=$1 port pid
	shift
	port=$(free_port)
	"$@" --port "$port" >"$logs/$name.log" 2>&1 &
	pid=$!
	pids+=("$pid")
	if ! wait_ready "$name" "$port" "$pid"; then
		fail "$name did not start"
		return
	fi
	local url="http://127.0.0.1:$port/graphql"
	echo "--- graphql-http audit of $name ($url)"
	node test/http/audit.mjs "$url" "$name" | tee "$logs/audit-$name.out"
	count_summary "audit $name" "$logs/audit-$name.out"
	echo "--- http_test.py against $name"
	$python test/http/http_test.py "$url" "$name" | tee "$logs/test-$name.out"
	count_summary "http-$name" "$logs/test-$name.out"
	kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	if grep -q Traceback "$logs/$name.log"; then
		echo "--- $name log"
		cat "$logs/$name.log"
	fi
}

run_server python-asyncpg $python "$root/examples/python/app.py"
run_server python-psycopg $python "$root/examples/python/app_psycopg.py"
run_server node node "$root/examples/node/server.mjs"
stop_servers

# The allowlist deployment: a role with fraiseql.persisted_only = on (set by the
# superuser: the role cannot turn it off), APQ registration off for the role
# (fraiseql.apq_register; it may not execute fraiseql.persist either).
allowlist() {
	local text='{ users { firstName } }' hash port pid
	hash=$(psql -XAtq -v ON_ERROR_STOP=1 <<SQL
DROP ROLE IF EXISTS fraiseql_http_app;
CREATE ROLE fraiseql_http_app LOGIN;
GRANT USAGE ON SCHEMA demo TO fraiseql_http_app;
GRANT SELECT ON ALL TABLES IN SCHEMA demo TO fraiseql_http_app;
ALTER ROLE fraiseql_http_app SET fraiseql.persisted_only = on;
ALTER ROLE fraiseql_http_app SET fraiseql.apq_register = off;
SELECT fraiseql.persist('$text');
SQL
	) || { fail "allowlist set-up failed"; return; }
	port=$(free_port)
	PGUSER=fraiseql_http_app $python "$root/examples/python/app.py" --port "$port" \
		>"$logs/allowlist.log" 2>&1 &
	pid=$!
	pids+=("$pid")
	if wait_ready allowlist "$port" "$pid"; then
		$python test/http/allowlist_test.py "http://127.0.0.1:$port/graphql" "$hash" "$text" | tee "$logs/allowlist.out"
		count_summary allowlist "$logs/allowlist.out"
	else
		fail "the allowlist app did not start"
	fi
	stop_servers
	psql -q -c 'DROP OWNED BY fraiseql_http_app' -c 'DROP ROLE fraiseql_http_app' || true
}
echo "--- allowlist: persisted_only role, APQ registration off (python-asyncpg)"
allowlist

# GraphiQL served by the Python example, driven in headless Chromium.
graphiql() {
	local port pid screenshot=${GRAPHIQL_SCREENSHOT:-/tmp/fraiseql-graphiql.png}
	local dir=examples/python/graphiql
	bash $dir/install.sh --if-needed || { fail "GraphiQL install failed"; return; }
	port=$(free_port)
	$python "$root/examples/python/app.py" --port "$port" >"$logs/graphiql.log" 2>&1 &
	pid=$!
	pids+=("$pid")
	if wait_ready graphiql "$port" "$pid"; then
		node test/http/graphiql_test.mjs "http://127.0.0.1:$port/graphql" "$screenshot" | tee "$logs/graphiql.out"
		count_summary graphiql "$logs/graphiql.out"
	else
		fail "the GraphiQL app did not start"
	fi
	stop_servers
}
echo "--- GraphiQL in headless Chromium (python-asyncpg)"
graphiql

PGDATABASE=postgres dropdb --if-exists "$database"
echo "http: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
