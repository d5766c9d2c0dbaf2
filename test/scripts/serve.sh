#!/usr/bin/env bash
# serve.sh: the `make serve` run: a local cluster with the demo schema and data
# (test/demo/), examples/python/app.py in front of it with GraphiQL, the
# addresses and three curl commands printed, then up until Ctrl-C (or TERM),
# when the app and the cluster are stopped and removed.
# SERVE_PORT picks the HTTP port (8000); SERVE_HOST the address (127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${SERVE_PORT:-8000}
host=${SERVE_HOST:-127.0.0.1}
python=/usr/bin/python3

say() { echo "serve: $*"; }

# Everything is checked before anything starts, so a refusal leaves nothing behind.
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
	say "SERVE_PORT=$port is not a TCP port number" >&2
	exit 2
fi
if ! $python -c "import socket; s = socket.socket(); s.bind(('$host', $port))" 2>/dev/null; then
	say "port $port on $host is taken (or not allowed); pick another: make serve SERVE_PORT=8001" >&2
	exit 2
fi
if ! $python -c 'import starlette, uvicorn, asyncpg' 2>/dev/null; then
	say "the app needs python3-starlette, python3-uvicorn and python3-asyncpg (make deps installs them)" >&2
	exit 2
fi
graphiql=yes
if ! bash examples/python/graphiql/install.sh --if-needed >/dev/null 2>&1; then
	graphiql=no
	say "GraphiQL could not be installed from npm (examples/python/graphiql/install.sh); serving without it" >&2
fi

. test/scripts/cluster.sh
. test/scripts/demo_database.sh
app_pid=
app_log=
stop_all() {
	if [ -n "$app_pid" ]; then
		kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
	fi
	app_pid=
	[ -n "$app_log" ] && rm -f "$app_log"
	cluster_stop
}

cluster_start
# cluster.sh's traps stop only the cluster: these stop the app first.
trap 'stop_all' EXIT
trap 'echo; say "stopping"; stop_all; exit 0' INT TERM
load_demo_database

app_log=$(mktemp /tmp/fraiseql-serve-app.XXXXXX)
dsn="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
DATABASE_URL=$dsn $python examples/python/app.py --host "$host" --port "$port" >"$app_log" 2>&1 &
app_pid=$!
for _ in $(seq 1 150); do
	if ! kill -0 "$app_pid" 2>/dev/null; then
		say "the app exited before it was ready:" >&2
		cat "$app_log" >&2
		app_pid=
		exit 1
	fi
	$python -c "import urllib.request; urllib.request.urlopen('http://$host:$port/health', timeout=2)" 2>/dev/null && break
	sleep 0.2
done

url="http://$host:$port/graphql"
cat <<TEXT

fraiseql is serving the demo schema (test/demo/schema.graphql over test/demo/schema.sql).

  GraphQL endpoint:  $url
  GraphiQL:          $([ $graphiql = yes ] && echo "$url  (open it in a browser)" || echo "not installed")
  psql:              psql "$dsn"

Try:

  curl -s $url -H 'Content-Type: application/json' \\
    -d '{"query": "{ users { firstName posts { title } } }"}'

  curl -s $url -H 'Content-Type: application/json' \\
    -d '{"query": "query (\$n: Int) { usersConnection(first: \$n) { edges { node { email } } pageInfo { hasNextPage endCursor } } }", "variables": {"n": 1}}'

  curl -s $url -H 'Content-Type: application/json' -H 'X-User-Id: 00000000-0000-4000-8000-000000000001' \\
    -d '{"query": "mutation { createPost(input: {title: \"Hello\"}) { __typename ... on CreatePostSuccess { post { title } } } }"}'

(X-User-Id becomes the request context: the demo's createPost reads the author
from it.) Everything is removed on Ctrl-C.
serve: ready
TEXT
wait "$app_pid" || true
app_pid=
say "the app stopped:"
cat "$app_log"
exit 1
