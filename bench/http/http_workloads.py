"""http_workloads.py: the end-to-end benchmark's workloads (issue 9, part 3).

Each is one of bench/sql/workloads.py's workloads, sent over HTTP to:
- the fraiseql examples (Python, Node): POST /graphql with the same GraphQL
  document and variables as the SQL-level benchmark;
- the hand-written-SQL app (handwritten_app.py): GET /<name>?<param>=<value>,
  running the same hand-written SQL with the parameter bound ($1);
- PostGraphile v5 over the tb_* tables: the same logical query in its schema
  (connections with a `nodes` wrapper, relations named by foreign key),
  aliased to the same field names; `postgraphile` is None where it has no
  equivalent without plugins.

`param` is what varies per request: None, "id" (a random user's UUID),
"since" (a random user's created_at) or "input" (the mutation's input object
{id: a random user's UUID, lastName: "Renamed"}; the hand-written app gets the
UUID as ?input=): load.mjs and check() draw n in 1..10000 and map it as
bench.uid(n) and data.sql's created_at do.
"""

import os
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql"))
from workloads import WORKLOADS  # noqa: E402

# Parameters as the hand-written SQL binds them, replacing pgbench's :n expressions.
_PARAM_SQL = {
    "id": ("bench.uid(:n)", "$1::uuid"),
    "since": ("timestamptz '2026-01-01 00:00+00' + :n * interval '17 minutes'", "$1::text::timestamptz"),  # asyncpg binds a str as text
    "input": ("bench.uid(:n)", "$1::uuid"),
}
# The SQL level renames user n to 'Renamed' || n; over HTTP every rename is to
# 'Renamed' (the input object holds no n), so both sides answer the same.
_HTTP_SQL_EDITS = {"mutation": ("'Renamed' || :n", "'Renamed'")}


@dataclass
class HttpWorkload:
    name: str
    goal: float  # fraiseql example app req/s / hand-written app req/s must be at least this
    query: str  # GraphQL document for fraiseql
    param: str | None  # None, "id" or "since": the variable's name in both GraphQL documents
    handwritten_sql: str  # with $1 for the parameter
    postgraphile: str | None  # GraphQL document for PostGraphile, or None


def _handwritten(w, param):
    sql = w.handwritten
    if w.name in _HTTP_SQL_EDITS:
        sql = sql.replace(*_HTTP_SQL_EDITS[w.name])
    if param is not None:
        pgbench_expr, bound = _PARAM_SQL[param]
        sql = sql.replace(pgbench_expr, bound)
    assert ":n" not in sql, w.name
    return sql


# PostGraphile's documents, as its amber preset names things: the `id` column
# is `rowId` (`id` is the global Node ID), lookups are tb<Type>ByRowId, lists
# are connections (`nodes`), relations are named by foreign key. Aliases give
# fraiseql's field names. Rows in primary-key order as fraiseql's lists are
# (ORDER BY id); the nested lists of data.sql's composed jsonb are ordered by
# created_at, which follows the id there (PostGraphile orders by indexed
# columns only: tb_post and tb_comment have no created_at index).
_USER3 = "id: rowId email firstName"
_PG = {
    "point_lookup": f"query($id: UUID!) {{ user: tbUserByRowId(rowId: $id) {{ {_USER3} }} }}",
    "users_10": f"{{ users: allTbUsers(first: 10, orderBy: PRIMARY_KEY_ASC) {{ nodes {{ {_USER3} }} }} }}",
    "posts_100_nested": (
        "{ posts: allTbPosts(first: 100, orderBy: PRIMARY_KEY_ASC) "
        "{ nodes { id: rowId title author: tbUserByAuthorId { id: rowId firstName } } } }"
    ),
    "users_1000": (
        f"{{ users: allTbUsers(first: 1000, orderBy: PRIMARY_KEY_ASC) {{ nodes {{ {_USER3} lastName }} }} }}"
    ),
    "users_10000": (
        f"{{ users: allTbUsers(first: 10000, orderBy: PRIMARY_KEY_ASC) {{ nodes {{ {_USER3} lastName }} }} }}"
    ),
    # Range filters need postgraphile-plugin-connection-filter: not comparable with the core preset.
    "filtered_ordered": None,
    # Its mutations are generic updates (no result union): not the same question.
    "mutation": None,
    "deep_nesting": (
        "query($id: UUID!) { user: tbUserByRowId(rowId: $id) { id: rowId posts: tbPostsByAuthorId(orderBy: PRIMARY_KEY_ASC) "
        "{ nodes { id: rowId title comments: tbCommentsByPostId(orderBy: PRIMARY_KEY_ASC) { nodes { id: rowId body } } } } } }"
    ),
}

_PARAMS = {"point_lookup": "id", "deep_nesting": "id", "filtered_ordered": "since", "mutation": "input"}

HTTP_WORKLOADS = [
    HttpWorkload(
        name=w.name,
        goal=w.goal,
        query=w.query,
        param=_PARAMS.get(w.name),
        handwritten_sql=_handwritten(w, _PARAMS.get(w.name)),
        postgraphile=_PG[w.name],
    )
    for w in WORKLOADS
    # The SQL level's connection page has no HTTP counterpart here (its
    # parameter is a cursor the routes do not build).
    if w.name in _PG
]


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def since(n: int) -> str:
    """data.sql's created_at of user n: 2026-01-01 + n * 17 minutes, in UTC."""
    import datetime

    t = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(minutes=17 * n)
    return t.isoformat()


def param_value(param: str, n: int) -> str:
    """The value as the hand-written app's query parameter takes it."""
    return since(n) if param == "since" else uid(n)


def graphql_value(param: str, n: int):
    """The GraphQL variable's value."""
    return {"id": uid(n), "lastName": "Renamed"} if param == "input" else param_value(param, n)
