#!/usr/bin/env bash
# stream_memory.sh: peak backend memory of a 100,000-row list query (issue 6).
# Method: in one session, warm up (load the library and schema, read every page
# of the table so shared buffers are already mapped), read the backend's peak
# resident size (VmHWM in /proc/<pid>/status), run the query, read it again.
# The growth is the private memory the call needed at its peak; it is compared
# with the size of the response. The same is done for hand-written json_agg SQL
# producing the same JSON, as a reference. Usage: bench/memory/stream_memory.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/scripts/cluster.sh
ROWS=${1:-100000}
cluster_start
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -c 'CREATE EXTENSION fraiseql' >/dev/null
psql >/dev/null <<SQL
CREATE TABLE tb_item (id int PRIMARY KEY, name text NOT NULL, price numeric NOT NULL);
INSERT INTO tb_item SELECT i, 'item number ' || i, i * 1.25 FROM generate_series(1, $ROWS) i;
CREATE VIEW v_item AS SELECT id, jsonb_build_object('id', id, 'name', name, 'price', price) AS data FROM tb_item;
SELECT fraiseql.load_schema('type Item @view(name: "public.v_item") { id: Int! name: String! price: Float! }
type Query { items: [Item!]! }');
SQL
measure() { # $1: label, $2: SQL returning the response size in bytes
	psql -At <<SQL
SELECT count(*) FROM tb_item \gset
SELECT length(fraiseql.execute('{ items(limit: 1) { id } }')) \gset
SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\s+(\d+)'))[1]::bigint AS before_kb \gset
SELECT $2 AS response_bytes \gset
SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\s+(\d+)'))[1]::bigint AS after_kb \gset
SELECT format('%s: response %s bytes, peak backend memory growth %s kB (%s x the response)', '$1', :response_bytes,
              :after_kb - :before_kb, round((:after_kb - :before_kb) * 1024.0 / :response_bytes, 2));
SQL
}
measure "fraiseql.execute" "length(fraiseql.execute('{ items { id name price } }'))"
HANDWRITTEN="(SELECT json_build_object('data', json_build_object('items', coalesce(json_agg(json_build_object('id', data->'id', 'name', data->'name', 'price', data->'price') ORDER BY id), '[]'::json)))::text FROM v_item)"
measure "json_agg SQL" "length(convert_to($HANDWRITTEN, 'UTF8'))"
