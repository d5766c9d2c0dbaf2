-- error_boundary: C++ exceptions and PostgreSQL errors cross the boundary cleanly.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\set QUIET off
\set VERBOSITY terse

-- a C++ exception inside the core becomes an SQL error (XX000), no crash
SELECT fraiseql._selftest('core_exception');
ROLLBACK;
DO $$
BEGIN
  PERFORM fraiseql._selftest('core_exception');
EXCEPTION WHEN internal_error THEN
  RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END $$;

-- an SQL error inside SPI, raised under live C++ objects, comes out with its SQLSTATE
\set VERBOSITY default
\set SHOW_CONTEXT never
DO $$
BEGIN
  PERFORM fraiseql._selftest('spi_error');
EXCEPTION WHEN division_by_zero THEN
  RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END $$;
\set VERBOSITY terse

-- every C++ object of those calls was destroyed: the stack unwound, no longjmp skipped it
SELECT fraiseql._selftest('live_objects') AS live_objects;

-- the session is usable afterwards, in and out of transactions
SELECT 1 AS still_usable;
BEGIN;
\set QUIET on
\set ECHO none
\i test/regress/fixtures.sql
\set ECHO all
\set QUIET off
SELECT convert_from(fraiseql.execute('{ users(limit: 1) { email } }'), 'UTF8');

-- an SQL error inside a root field's statement becomes that field's DATABASE_ERROR
-- with its SQLSTATE; the other root fields still run
CREATE VIEW app.v_broken AS SELECT id, jsonb_build_object('n', 1 / (login_count - login_count)) AS data FROM app.tb_user;
SELECT fraiseql.load_schema('type Broken @view(name: "app.v_broken") { n: Int }
type User @view(name: "app.v_user") { email: String! }
type Query { broken: [Broken!] users: [User!]! }');
SELECT convert_from(fraiseql.execute('{ broken { n } users(limit: 1) { email } }'), 'UTF8');
-- the transaction is still usable after the field error
SELECT count(*) AS users FROM app.tb_user;

-- a direct change of the catalog table invalidates too; without a schema,
-- execute says what to do
DELETE FROM fraiseql.schema;
\set VERBOSITY default
SELECT fraiseql.execute('{ users { email } }');
ROLLBACK;
