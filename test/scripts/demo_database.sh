# demo_database.sh: loads the demo (test/demo/schema.sql, its views, data and
# mutation function, then test/demo/schema.graphql) into the database psql
# reaches through the PG* variables. Sourced by demo.sh and serve.sh.

load_demo_database() {
	command psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS fraiseql' >/dev/null
	command psql -X -q -v ON_ERROR_STOP=1 -f test/demo/schema.sql >/dev/null
	command psql -X -q -v ON_ERROR_STOP=1 -v sdl="$(cat test/demo/schema.graphql)" >/dev/null <<'SQL'
SELECT fraiseql.load_schema(:'sdl');
SQL
}
