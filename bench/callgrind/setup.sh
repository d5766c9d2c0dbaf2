# setup.sh: sourced by the backend benchmarks (from the repository's root):
# the output directory ($out, writable by postgres), bench/sql's data and
# schema loaded into the cluster, and $bin, the server's programs.
out=$PWD/build/bench/callgrind
mkdir -p "$out"
chmod 777 "$out"
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS fraiseql" -f bench/sql/data.sql >/dev/null
psql -qX -v ON_ERROR_STOP=1 -c "SELECT fraiseql.load_schema(\$s\$$(cat bench/sql/schema.graphql)\$s\$)" >/dev/null
bin=$("$PG_CONFIG" --bindir)
