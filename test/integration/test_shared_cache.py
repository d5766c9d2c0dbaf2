#!/usr/bin/python3
"""test_shared_cache.py: documents that differ only in literals share one
plan-cache entry (issue 14, defect 1); every answer must still be the one a
fresh session gives.

Each family is a list of documents equal but for their literal values (and,
in some, white space, comments and line breaks, which the shared key ignores
too). For each family, in both orders, one session runs every document after
fraiseql.cache_reset(); each response is compared byte for byte with the
response of the same document in a fresh session. Error positions, literal
text quoted in messages and compile-time checks of literal values (a bad
UUID, Date or cursor) are where a shared entry could leak the first
document's state. The test also checks that sharing happened at all
(cache_stats shared_hits), so it cannot pass by never sharing.

Prints "ok - ..." / "not ok - ..." per check and "shared-cache: N passed, M failed".
"""

import json
import sys
import traceback

import psycopg

from checks import Checks, dsn, fresh_database

DATABASE = "fraiseql_shared_cache"

SCHEMA_SQL = """
CREATE SCHEMA sc;
CREATE TABLE sc.tb_person (id int PRIMARY KEY, name text NOT NULL, score int, uid uuid, born date, tags text[]);
INSERT INTO sc.tb_person
SELECT i, 'p' || i, i % 4, ('a0000000-0000-0000-0000-00000000000' || (i % 10))::uuid, date '2000-01-01' + i,
       ARRAY['t' || (i % 3)]
FROM generate_series(1, 9) i;
CREATE VIEW sc.v_person AS
SELECT id, score, name, uid, born, tags,
       jsonb_build_object('id', id, 'name', name, 'score', score, 'uid', uid, 'born', born, 'tags', tags) AS data
FROM sc.tb_person;
"""

SDL = """
type Person @view(name: "sc.v_person") { id: Int! name: String! score: Int uid: UUID born: Date tags: [String!] }
type Query {
  people(uid: UUID, born: Date): [Person!]!
  person(id: Int!): Person
  byUid(uid: UUID!): Person @view(name: "sc.v_person")
  peopleConnection: PersonConnection! @connection(type: "Person")
}
"""


def families(valid_cursor):
    """Lists of documents that normalize to one shared key."""
    conn_doc = '{ peopleConnection(first: %s, after: "%s") { edges { cursor node { id } } } }'
    out = {
        "cursor after a literal of another length": [
            conn_doc % (2, "x"), conn_doc % (10, "x"), conn_doc % (100, "not a cursor at all"),
            conn_doc % (2, valid_cursor), conn_doc % (10000, valid_cursor), conn_doc % (3, "!!"),
        ],
        "UUID literals, good and bad": [
            '{ people(uid: "a0000000-0000-0000-0000-000000000001") { id } }',
            '{ people(uid: "bad") { id } }',
            '{ people(uid: "a0000000-0000-0000-0000-000000000002") { id } }',
            '{ people(uid: "a0000000-0000-0000-0000-00000000000Z") { id } }',
        ],
        "Date literals, good and bad": [
            '{ people(born: "2000-01-02") { id } }',
            '{ people(born: "2000-02-30") { id } }',
            '{ people(born: "2000-1-2") { id } }',
            '{ people(born: "2000-01-05") { id } }',
        ],
        "an error after literals of other lengths": [
            '{ a: person(id: 1) { id } peopleConnection(first: 2, after: "bad") { edges { cursor } } }',
            '{ a: person(id: 1234567) { id } peopleConnection(first: 2000, after: "also bad") { edges { cursor } } }',
            '{ a: person(id: 2) { id } peopleConnection(first: 1, after: "%s") { edges { cursor } } }' % valid_cursor,
        ],
        "white space, comments and line breaks": [
            '{ a: person(id: 1) { id } peopleConnection(first: 2, after: "bad") { edges { cursor } } }',
            '{\n  a: person(id: 1)   { id }\n  # a comment\n  peopleConnection(first: 2, after: "bad") { edges { cursor } }\n}',
            '{a:person(id:1){id}peopleConnection(first:2,after:"bad"){edges{cursor}}}',
            '{ a: person(id: 1) { id }\n\n\n    peopleConnection(\n first: 2,\n\tafter: "bad"\n) { edges { cursor } } }',
        ],
        "block strings with line breaks before an error": [
            '{ a: byUid(uid: """a0000000-0000-0000-0000-000000000001""") { id } peopleConnection(first: 2, after: "x") { edges { cursor } } }',
            '{ a: byUid(uid: """\n\na0000000-0000-0000-0000-000000000002\n\n""") { id } peopleConnection(first: 2, after: "x") { edges { cursor } } }',
            '{ a: byUid(uid: """\na0000000-0000-0000-0000-000000000003\n""") { id }\n peopleConnection(first: 2, after: "y") { edges { cursor } } }',
        ],
        "a variable's error after literals of other lengths": [
            'query ($c: String) { a: person(id: 1) { id } peopleConnection(first: 2, after: $c) { edges { cursor } } }',
            'query ($c: String) { a: person(id: 1234567) { id } peopleConnection(first: 20000, after: $c) { edges { cursor } } }',
        ],
        "limits: negative and huge": [
            '{ peopleConnection(first: 2) { edges { node { id } } } }',
            '{ peopleConnection(first: -1) { edges { node { id } } } }',
            '{ peopleConnection(first: 100000000) { edges { node { id } } } }',
            '{ peopleConnection(first: -12345) { edges { node { id } } } }',
        ],
        "a non-null field null after literals": [
            '{ person(id: 1) { id name } x: byUid(uid: "a0000000-0000-0000-0000-000000000001") { id } }',
            '{ person(id: 1000000) { id name } x: byUid(uid: "a0000000-0000-0000-0000-000000000009") { id } }',
        ],
    }
    return out


def set_up():
    fresh_database(DATABASE)
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION fraiseql")
        conn.execute(SCHEMA_SQL)
        conn.execute("SELECT fraiseql.load_schema(%s)", (SDL,))


def execute(conn, query):
    # The one variable of the variable family: a cursor that does not decode.
    variables = json.dumps({"c": "not a cursor"}) if "$c" in query else None
    row = conn.execute("SELECT fraiseql.execute(%s, %s::jsonb)", (query, variables)).fetchone()
    return bytes(row[0]).decode("utf-8")


def main():
    checks = Checks()
    report = checks.check
    try:
        set_up()
        with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
            first = json.loads(execute(conn, '{ peopleConnection(first: 1) { edges { cursor } } }'))
            valid_cursor = first["data"]["peopleConnection"]["edges"][0]["cursor"]
    except Exception:
        traceback.print_exc()
        report(False, "set-up")
        return checks.summary("shared-cache")

    shared = {}
    for family, documents in families(valid_cursor).items():
        fresh = {}
        for doc in documents:
            with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
                fresh[doc] = execute(conn, doc)
        for order_name, order in (("forward", documents), ("reverse", list(reversed(documents)))):
            with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
                conn.execute("SELECT fraiseql.cache_reset()")
                for i, doc in enumerate(order):
                    got = execute(conn, doc)
                    report(got == fresh[doc], "%s, %s #%d: same as a fresh session" % (family, order_name, i),
                           "doc %r\n  shared: %s\n  fresh:  %s" % (doc, got, fresh[doc]))
                stats = conn.execute("SELECT fraiseql.cache_stats()").fetchone()[0]
                shared[family] = shared.get(family, 0) + stats["shared_hits"]
    # A bad UUID or Date literal is refused before it may share; every other
    # family must really have run documents on another document's entry.
    for family in families(valid_cursor):
        if "UUID" in family or "Date" in family:
            continue
        report(shared[family] > 0, "%s: documents shared an entry" % family, "shared_hits %d" % shared[family])

    return checks.summary("shared-cache")


if __name__ == "__main__":
    sys.exit(main())
