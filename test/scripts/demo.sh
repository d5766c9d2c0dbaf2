#!/usr/bin/env bash
# demo.sh: the `make demo` run: a throwaway cluster, the demo schema and data,
# and each request of test/demo/requests sent through fraiseql.execute, printed
# with its response. The cluster is removed afterwards, also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh
. test/scripts/demo_database.sh

cluster_start
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "== cluster on port $PGPORT; loading test/demo/schema.sql and test/demo/schema.graphql"
load_demo_database

for request in test/demo/requests/*.graphql; do
	variables_file=${request%.graphql}.json
	variables=""
	[ -f "$variables_file" ] && variables=$(cat "$variables_file")
	# The request context (who is asking): what a web app takes from a verified token.
	context_file=${request%.graphql}.context.json
	context=""
	[ -f "$context_file" ] && context=$(cat "$context_file")
	echo
	echo "==================== $(basename "$request")"
	cat "$request"
	if [ -n "$variables" ]; then
		echo "-- variables: $variables"
	fi
	if [ -n "$context" ]; then
		echo "-- context: $context"
	fi
	echo "-- response:"
	response=$(psql -At -v q="$(cat "$request")" -v v="$variables" -v c="$context" <<'SQL'
SELECT convert_from(fraiseql.execute(:'q', NULLIF(:'v', '')::jsonb, NULL, NULLIF(:'c', '')::jsonb), 'UTF8');
SQL
)
	# json.tool keeps key order: the order is part of the response.
	printf '%s\n' "$response" | python3 -m json.tool --indent 2
done
echo
echo "== done; removing the cluster"
