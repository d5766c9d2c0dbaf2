#!/usr/bin/python3
"""test_upgrade.py: ALTER EXTENSION fraiseql UPDATE from 0.1.0 gives exactly
what a fresh install of the current version gives, and keeps the user's data.

Against the cluster of test/scripts/cluster.sh (PGHOST/PGPORT), with the
extension files installed (make install, or the Debian package):
- the installed versions are 0.1.0 and fraiseql.control's default_version;
- a database on 0.1.0 with a loaded schema answers a query; after UPDATE it
  reports the new version, keeps the stored schema and gives the same bytes
  (in a new session), and the new functions work (execute_json, persisted
  queries, a reload that another session sees through the new trigger);
- its catalog equals a fresh install's: the extension's members
  (pg_describe_object), every object of schema fraiseql with its definition
  (pg_get_functiondef, columns, defaults, constraints, indexes, triggers,
  sequence parameters, owners, ACLs, comments), pg_init_privs and the tables
  pg_dump keeps (extconfig);
- a database created from a development snapshot that already holds the new
  objects while calling itself 0.1.0 updates too (every statement of the
  upgrade script tolerates an existing object), to the same catalog.
Prints "ok - ..." / "not ok - ..." per check and "upgrade: N passed, M failed".
"""

import os
import re
import sys

import psycopg

from checks import dsn, exit_on_signals, fresh_database, run_dropping

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OLD = "0.1.0"
FRESH_DB = "fraiseql_upgrade_fresh"
UPDATED_DB = "fraiseql_upgrade_updated"
SNAPSHOT_DB = "fraiseql_upgrade_snapshot"

APP = """
CREATE SCHEMA app;
CREATE TABLE app.tb_note (id int PRIMARY KEY, body text NOT NULL);
INSERT INTO app.tb_note VALUES (1, 'first'), (2, 'héllo ✓'), (3, '');
CREATE VIEW app.v_note AS
    SELECT id, jsonb_build_object('id', id, 'body', body) AS data FROM app.tb_note;
"""
SDL = """type Note @view(name: "app.v_note") { id: Int! body: String! }
type Query { notes: [Note!]! }"""
QUERY = "{ notes(orderBy: [{id: ASC}]) { id body } }"

# Each entry: (section name, query returning rows of text). Everything in
# schema fraiseql or belonging to the extension, without OIDs.
CATALOG = [
    ("extension", """
        SELECT extname, extversion, extrelocatable::text, extnamespace::regnamespace::text,
               extowner::regrole::text
        FROM pg_extension WHERE extname = 'fraiseql'"""),
    ("dumped tables", """
        SELECT c.oid::regclass::text, coalesce(cond, '')
        FROM pg_extension e,
             unnest(e.extconfig, e.extcondition) AS x(relid, cond)
        JOIN pg_class c ON c.oid = x.relid
        WHERE e.extname = 'fraiseql' ORDER BY 1"""),
    ("members", """
        SELECT pg_describe_object(d.classid, d.objid, d.objsubid)
        FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
        WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
          AND e.extname = 'fraiseql' ORDER BY 1"""),
    ("schema", """
        SELECT nspname, nspowner::regrole::text, coalesce(nspacl::text, '')
        FROM pg_namespace WHERE nspname = 'fraiseql'"""),
    ("functions", """
        SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid), p.proowner::regrole::text,
               coalesce(p.proacl::text, ''), coalesce(obj_description(p.oid, 'pg_proc'), '')
        FROM pg_proc p WHERE p.pronamespace = 'fraiseql'::regnamespace ORDER BY 1"""),
    ("relations", """
        SELECT c.relname, c.relkind::text, c.relpersistence::text, c.relowner::regrole::text,
               coalesce(c.relacl::text, ''), coalesce(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c WHERE c.relnamespace = 'fraiseql'::regnamespace ORDER BY 1"""),
    ("columns", """
        SELECT c.relname, a.attnum::text, a.attname, format_type(a.atttypid, a.atttypmod),
               a.attnotnull::text, coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''),
               coalesce(a.attacl::text, '')
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
        WHERE c.relnamespace = 'fraiseql'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY 1, a.attnum"""),
    ("constraints", """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'fraiseql'::regnamespace ORDER BY 1, 2"""),
    ("indexes", """
        SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace = 'fraiseql'::regnamespace ORDER BY 1"""),
    ("triggers", """
        SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(t.oid), tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = 'fraiseql'::regnamespace AND NOT t.tgisinternal ORDER BY 1, 2"""),
    ("sequences", """
        SELECT seqrelid::regclass::text, format_type(seqtypid, NULL), seqstart::text, seqincrement::text,
               seqmax::text, seqmin::text, seqcache::text, seqcycle::text
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
        WHERE c.relnamespace = 'fraiseql'::regnamespace ORDER BY 1"""),
    ("types", """
        SELECT t.oid::regtype::text, t.typtype::text, t.typowner::regrole::text, coalesce(t.typacl::text, '')
        FROM pg_type t WHERE t.typnamespace = 'fraiseql'::regnamespace ORDER BY 1"""),
    ("initial privileges", """
        SELECT pg_describe_object(classoid, objoid, objsubid), privtype::text, initprivs::text
        FROM pg_init_privs ORDER BY 1, 2"""),
]


def default_version():
    with open(os.path.join(ROOT, "fraiseql.control")) as f:
        m = re.search(r"^default_version = '([^']+)'", f.read(), re.M)
    return m.group(1)


def connect(db):
    return psycopg.connect(dsn(db), autocommit=True)


def catalog(db):
    with connect(db) as conn:
        return {name: [" | ".join(row) for row in conn.execute(sql).fetchall()] for name, sql in CATALOG}


def compare(checks, what, got, want):
    """One check per section; the detail lists the rows only one side has."""
    for name, _ in CATALOG:
        a, b = got[name], want[name]
        only_got = [r for r in a if r not in b]
        only_want = [r for r in b if r not in a]
        detail = "; ".join(["only after update: " + r for r in only_got] +
                           ["only in a fresh install: " + r for r in only_want])
        checks.check(a == b and bool(b), "{}: {}".format(what, name),
                     detail or ("empty" if not b else "same rows, another order"))


def execute(db, query):
    with connect(db) as conn:
        return bytes(conn.execute("SELECT fraiseql.execute(%s)", (query,)).fetchone()[0])


def run(checks):
    new = default_version()
    checks.check(new != OLD, "fraiseql.control's default_version is not " + OLD, new)

    fresh_database(FRESH_DB)
    with connect(FRESH_DB) as conn:
        versions = [r[0] for r in conn.execute(
            "SELECT version FROM pg_available_extension_versions WHERE name = 'fraiseql' ORDER BY 1")]
        checks.check(versions == sorted([OLD, new]), "installed versions are {} and {}".format(OLD, new),
                     repr(versions))
        conn.execute("CREATE EXTENSION fraiseql")
        got = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'fraiseql'").fetchone()[0]
        checks.check(got == new, "CREATE EXTENSION installs " + new, got)
    fresh = catalog(FRESH_DB)

    # A database on the old version, with data of its own.
    fresh_database(UPDATED_DB)
    with connect(UPDATED_DB) as conn:
        conn.execute("CREATE EXTENSION fraiseql VERSION '{}'".format(OLD))
        conn.execute(APP)
        conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))
    old = catalog(UPDATED_DB)
    checks.check("function fraiseql.execute_json(text,jsonb,text,jsonb)" not in old["members"] and
                 "function fraiseql.execute_json(text,jsonb,text,jsonb)" in fresh["members"] and
                 len(old["members"]) < len(fresh["members"]),
                 "{} has fewer objects than {} (the test is not vacuous)".format(OLD, new),
                 "{} against {} members".format(len(old["members"]), len(fresh["members"])))
    before = execute(UPDATED_DB, QUERY)
    checks.check(b'"body":"h\xc3\xa9llo \xe2\x9c\x93"' in before, "{} answers a query".format(OLD), repr(before))
    with connect(UPDATED_DB) as conn:
        sdl_before = conn.execute("SELECT fraiseql.schema_sdl()").fetchone()[0]
        conn.execute("ALTER EXTENSION fraiseql UPDATE")
        got = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'fraiseql'").fetchone()[0]
        checks.check(got == new, "ALTER EXTENSION fraiseql UPDATE goes to " + new, got)
        sdl_after = conn.execute("SELECT fraiseql.schema_sdl()").fetchone()[0]
        checks.check(sdl_after == sdl_before, "the loaded schema is kept")
    checks.check(execute(UPDATED_DB, QUERY) == before, "the same query gives the same bytes after the update")
    compare(checks, "{} + UPDATE = fresh {}".format(OLD, new), catalog(UPDATED_DB), fresh)

    with connect(UPDATED_DB) as conn, connect(UPDATED_DB) as other:
        as_json = conn.execute("SELECT fraiseql.execute_json(%s)::text", (QUERY,)).fetchone()[0]
        checks.check(as_json.encode() == before, "execute_json, new in {}, works after the update".format(new))
        digest = conn.execute("SELECT fraiseql.persist(%s)", (QUERY,)).fetchone()[0]
        persisted = bytes(conn.execute("SELECT fraiseql.execute_persisted(%s)", (digest,)).fetchone()[0])
        checks.check(persisted == before, "persisted queries work after the update")
        # The other session has built its schema; a reload must reach it (the trigger).
        execute_in = lambda c: bytes(c.execute("SELECT fraiseql.execute(%s)", (QUERY,)).fetchone()[0])
        execute_in(other)
        conn.execute("SELECT fraiseql.load_schema(%s)",
                      (SDL.replace("body: String!", "body: String! text: String"),))
        seen = other.execute("SELECT fraiseql.execute('{ notes { text } }')").fetchone()[0]
        checks.check(b'"errors"' not in bytes(seen), "a reload reaches another session after the update",
                     repr(bytes(seen)))

    # A development snapshot that called itself 0.1.0 but has every object.
    fresh_database(SNAPSHOT_DB)
    with connect(SNAPSHOT_DB) as conn:
        conn.execute("CREATE EXTENSION fraiseql")
        conn.execute("UPDATE pg_extension SET extversion = %s WHERE extname = 'fraiseql'", (OLD,))
        conn.execute("ALTER EXTENSION fraiseql UPDATE")
    compare(checks, "snapshot {} holding {}'s objects + UPDATE = fresh {}".format(OLD, new, new),
            catalog(SNAPSHOT_DB), fresh)


def main():
    exit_on_signals()
    return run_dropping("upgrade", run, [FRESH_DB, UPDATED_DB, SNAPSHOT_DB])

if __name__ == "__main__":
    sys.exit(main())
