#!/usr/bin/env bash
# wallclock.sh [ARGS]: issue 19's wall-clock benchmark (bench/production/wallclock.py):
# a throwaway cluster with fraiseql preloaded, pgbouncer (transaction mode, one
# server connection) in front of it; arguments go to wallclock.py
# (--rounds, --seconds, --trials). Run after make install.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh
cluster_start
psql -qX -c "ALTER SYSTEM SET shared_preload_libraries = 'fraiseql'"
as_postgres "$PG_BIN/pg_ctl" -D "$FRAISEQL_CLUSTER_DIR/data" -w -m fast restart >/dev/null
bouncer_port=$(free_port)
dir=$FRAISEQL_CLUSTER_DIR
printf '"%s" ""\n' "$PGUSER" >"$dir/userlist.txt"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
$PGDATABASE = host=127.0.0.1 port=$PGPORT dbname=$PGDATABASE

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = $PGUSER
pool_mode = transaction
default_pool_size = 1
max_client_conn = 20
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
chown postgres: "$dir/userlist.txt" "$dir/pgbouncer.ini"
stop_bouncer() { [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; cluster_stop; }
trap stop_bouncer EXIT
trap 'stop_bouncer; exit 130' INT
trap 'stop_bouncer; exit 143' TERM
runuser -u postgres -- pgbouncer -d "$dir/pgbouncer.ini"
for _ in $(seq 50); do psql -qX -h 127.0.0.1 -p "$bouncer_port" -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
/usr/bin/python3 bench/production/wallclock.py --pg-bin "$PG_BIN" --bouncer-port "$bouncer_port" "$@"
