# cluster.sh: a throwaway PostgreSQL cluster for the demo and the tests.
# Source it, then call cluster_start; cluster_stop runs on EXIT, INT and TERM.
# initdb refuses root, so the cluster runs as the postgres user, in a fresh
# directory that is removed afterwards.

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
PG_BIN=$("$PG_CONFIG" --bindir)

as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

cluster_stop() {
	if [ -n "${FRAISEQL_CLUSTER_DIR:-}" ] && [ -d "$FRAISEQL_CLUSTER_DIR" ]; then
		if [ -f "$FRAISEQL_CLUSTER_DIR/data/postmaster.pid" ]; then
			as_postgres "$PG_BIN/pg_ctl" -D "$FRAISEQL_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		rm -rf "$FRAISEQL_CLUSTER_DIR"
	fi
	FRAISEQL_CLUSTER_DIR=
}

cluster_start() {
	FRAISEQL_CLUSTER_DIR=$(mktemp -d /tmp/fraiseql-cluster.XXXXXX)
	export FRAISEQL_CLUSTER_DIR
	trap 'cluster_stop' EXIT
	trap 'cluster_stop; exit 130' INT
	trap 'cluster_stop; exit 143' TERM
	chmod 755 "$FRAISEQL_CLUSTER_DIR"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$FRAISEQL_CLUSTER_DIR"
	as_postgres "$PG_BIN/initdb" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
		-D "$FRAISEQL_CLUSTER_DIR/data" >"$FRAISEQL_CLUSTER_DIR/initdb.log" 2>&1 || {
		cat "$FRAISEQL_CLUSTER_DIR/initdb.log" >&2
		return 1
	}
	local port
	port=$(free_port)
	if ! as_postgres "$PG_BIN/pg_ctl" -D "$FRAISEQL_CLUSTER_DIR/data" -w -t 60 -l "$FRAISEQL_CLUSTER_DIR/server.log" \
		-o "-p $port -k $FRAISEQL_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
		start >/dev/null; then
		cat "$FRAISEQL_CLUSTER_DIR/server.log" >&2
		return 1
	fi
	export PGHOST=$FRAISEQL_CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}
