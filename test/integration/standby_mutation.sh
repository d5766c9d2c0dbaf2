#!/usr/bin/env bash
# standby_mutation.sh: on a hot standby a mutation is a clean GraphQL error while
# queries (with their context) still run. Needs a running primary (PGHOST,
# PGPORT, PG_CONFIG as test/scripts/cluster.sh exports them) and root (the
# standby runs as postgres). Not part of run_tests.sh; after make install, run
#   bash -c '. test/scripts/cluster.sh && cluster_start && bash test/integration/standby_mutation.sh' 
# Prints "standby: N passed, M failed".
set -euo pipefail
BIN=$("$PG_CONFIG" --bindir)
DIR=$(mktemp -d /tmp/fraiseql-standby.XXXXXX)
chown postgres: "$DIR"
PORT=$((PGPORT + 1))
stop() {
	runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$DIR"
}
trap stop EXIT
psql -X -q -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SET client_min_messages = warning;
DROP DATABASE IF EXISTS fraiseql_standby;
CREATE DATABASE fraiseql_standby;
\c fraiseql_standby
CREATE EXTENSION fraiseql;
CREATE FUNCTION public.fn_w() RETURNS SETOF jsonb LANGUAGE sql STABLE
AS $$ SELECT jsonb_build_object('t', current_setting('app.tenant_id', true)) $$;
CREATE FUNCTION public.fn_m(input jsonb) RETURNS fraiseql.mutation_response LANGUAGE sql
AS $$ SELECT ROW('success', NULL, NULL, NULL, NULL, NULL, NULL, NULL)::fraiseql.mutation_response $$;
SELECT fraiseql.load_schema('type W { t: String } type R { message: String }
  type Query { w: W @function(name: "public.fn_w") }
  type Mutation { m(input: String): R @function(name: "public.fn_m") }');
SQL
runuser -u postgres -- "$BIN/pg_basebackup" -h "$PGHOST" -p "$PGPORT" -U postgres -D "$DIR/data" -R -X stream
runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR" -l "$DIR/log" -w start >/dev/null
out=$(psql -X -h "$DIR" -p "$PORT" -d fraiseql_standby -At -c "SELECT pg_is_in_recovery()
  || '|' || convert_from(fraiseql.execute('mutation { m { message } }'), 'UTF8')
  || '|' || convert_from(fraiseql.execute('{ w { t } }', NULL, NULL, '{\"tenant_id\": \"t1\"}'), 'UTF8')
  || '|' || quote_literal(coalesce(current_setting('app.tenant_id', true), ''))")
passed=0
failed=0
check() {
	if [[ "$out" == *"$1"* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $2: $out"; fi
}
check 'true|' "the standby is in recovery"
check '{"errors":[{"message":"Mutations are not available: this server is read-only' "a mutation is a request error"
check '|{"data":{"w":{"t":"t1"}}}|' "a query runs with its context"
check "|''" "the context is gone after the call"
psql -X -q -d postgres -c "DROP DATABASE fraiseql_standby" >/dev/null
echo "standby: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
