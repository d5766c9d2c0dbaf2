"""workloads.py: the SQL-level benchmark's workloads (issue 9, part 1).

Each workload is one GraphQL request through fraiseql.execute and the best
hand-written SQL we know for the same JSON: json_build_object/json_agg over the
same view, projecting only the selected keys. `:n` is a random 1..10000 chosen
by pgbench per transaction (bench.uid(:n) is then a user id)."""

from dataclasses import dataclass


@dataclass
class Workload:
    name: str
    goal: float  # fraiseql tps / hand-written tps must be at least this
    query: str  # GraphQL document
    variables: str  # SQL expression of the variables jsonb ("NULL" for none)
    handwritten: str  # SQL returning the response as json
    # List workloads: the read floor, reading the same rows and touching their
    # JSON (`count(data->'id')`), the physical limit of the work (issue 18).
    floor: str = ""


def _fields(alias_json_pairs, source):
    return ", ".join(f"'{alias}', {source}->'{key}'" for alias, key in alias_json_pairs)


USER3 = [("id", "id"), ("email", "email"), ("firstName", "first_name")]
USER4 = USER3 + [("lastName", "last_name")]


def _list(limit, fields=USER4):
    names = " ".join(a for a, _ in fields)
    return Workload(
        name=f"users_{limit}",
        goal=0.9 if limit <= 10 else 1.0,
        query=f"{{ users(limit: {limit}) {{ {names} }} }}",
        variables="NULL",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('users', "
            f"COALESCE(json_agg(json_build_object({_fields(fields, 'data')}) ORDER BY id), '[]'::json))) "
            f"FROM (SELECT id, data FROM bench.v_user ORDER BY id LIMIT {limit}) s"
        ),
        floor=f"SELECT count(data->'id') FROM (SELECT id, data FROM bench.v_user ORDER BY id LIMIT {limit}) s",
    )


WORKLOADS = [
    Workload(
        name="point_lookup",
        goal=0.9,
        query="query($id: UUID!) { user(id: $id) { id email firstName } }",
        variables="jsonb_build_object('id', bench.uid(:n))",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('user', "
            f"(SELECT json_build_object({_fields(USER3, 'data')}) FROM bench.v_user WHERE id = bench.uid(:n))))"
        ),
    ),
    _list(10, USER3),
    Workload(
        name="posts_100_nested",
        goal=1.0,
        query="{ posts(limit: 100) { id title author { id firstName } } }",
        variables="NULL",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('posts', COALESCE(json_agg(json_build_object("
            "'id', data->'id', 'title', data->'title', 'author', json_build_object("
            "'id', data->'author'->'id', 'firstName', data->'author'->'first_name')) ORDER BY id), '[]'::json))) "
            "FROM (SELECT id, data FROM bench.v_post ORDER BY id LIMIT 100) s"
        ),
        floor="SELECT count(data->'id') FROM (SELECT id, data FROM bench.v_post ORDER BY id LIMIT 100) s",
    ),
    _list(1000),
    _list(10000),
    Workload(
        name="filtered_ordered",
        goal=0.9,
        query=(
            "query($since: DateTime!) { users(where: {createdAt: {gte: $since}}, "
            "orderBy: [{createdAt: DESC}], limit: 20) { id email createdAt } }"
        ),
        variables="jsonb_build_object('since', timestamptz '2026-01-01 00:00+00' + :n * interval '17 minutes')",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('users', COALESCE(json_agg(json_build_object("
            "'id', data->'id', 'email', data->'email', 'createdAt', data->'created_at') ORDER BY created_at DESC, id), "
            "'[]'::json))) FROM (SELECT id, created_at, data FROM bench.v_user "
            "WHERE created_at >= timestamptz '2026-01-01 00:00+00' + :n * interval '17 minutes' "
            "ORDER BY created_at DESC, id LIMIT 20) s"
        ),
    ),
    Workload(
        name="deep_nesting",
        goal=0.9,
        query="query($id: UUID!) { user(id: $id) { id posts { id title comments { id body } } } }",
        variables="jsonb_build_object('id', bench.uid(:n))",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('user', (SELECT json_build_object("
            "'id', u.data->'id', 'posts', (SELECT COALESCE(json_agg(json_build_object("
            "'id', p->'id', 'title', p->'title', 'comments', (SELECT COALESCE(json_agg(json_build_object("
            "'id', c->'id', 'body', c->'body') ORDER BY ci), '[]'::json) "
            "FROM jsonb_array_elements(p->'comments') WITH ORDINALITY AS cs(c, ci))) ORDER BY pi), '[]'::json) "
            "FROM jsonb_array_elements(u.data->'posts') WITH ORDINALITY AS ps(p, pi))) "
            "FROM bench.v_user u WHERE u.id = bench.uid(:n))))"
        ),
    ),
]

WORKLOADS += [
    Workload(
        name="connection_page",
        goal=0.9,
        # bench.cursor_of(id) is made by run_bench.py's setup from a cursor
        # fraiseql returned: the same opaque text, so both sides page alike.
        query=("query($after: String) { usersConnection(first: 20, after: $after) { "
               "edges { cursor node { id email } } pageInfo { hasNextPage endCursor } } }"),
        variables="jsonb_build_object('after', bench.cursor_of(bench.uid(:n)))",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('usersConnection', json_build_object("
            "'edges', COALESCE((SELECT json_agg(json_build_object('cursor', bench.cursor_of(id), "
            "'node', json_build_object('id', data->'id', 'email', data->'email')) ORDER BY id) "
            "FROM (SELECT id, data FROM bench.v_user WHERE id > bench.uid(:n) ORDER BY id LIMIT 20) s), '[]'::json), "
            "'pageInfo', json_build_object("
            "'hasNextPage', (SELECT count(*) > 20 FROM (SELECT 1 FROM bench.v_user WHERE id > bench.uid(:n) "
            "ORDER BY id LIMIT 21) x), "
            "'endCursor', (SELECT bench.cursor_of(id) FROM (SELECT id FROM bench.v_user "
            "WHERE id > bench.uid(:n) ORDER BY id LIMIT 20) e ORDER BY id DESC LIMIT 1)))))"
        ),
    ),
    Workload(
        name="mutation",
        goal=0.9,
        query=("mutation($input: RenameUserInput!) { renameUser(input: $input) { __typename "
               "... on RenameUserSuccess { message user { id lastName } } ... on RenameUserError { code message } } }"),
        variables="jsonb_build_object('input', jsonb_build_object('id', bench.uid(:n), 'lastName', 'Renamed' || :n))",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('renameUser', "
            "CASE WHEN r->>'status' LIKE 'not_found:%' "
            "THEN json_build_object('__typename', 'RenameUserError', 'code', 404, 'message', r->'message') "
            "ELSE json_build_object('__typename', 'RenameUserSuccess', 'message', r->'message', "
            "'user', json_build_object('id', r->'entity'->'id', 'lastName', r->'entity'->'last_name')) END)) "
            "FROM bench.fn_rename_user(jsonb_build_object('id', bench.uid(:n), 'last_name', 'Renamed' || :n)) r"
        ),
    ),
]

# Aggregates (issue 15): groups of 100,000 rows. The hand-written SQL reads
# the same typed JSON paths (numbers as numeric, as fraiseql reads JSON
# numbers) and writes BigInt and Decimal values as strings, as fraiseql does.
# CAST(... AS numeric), not ::numeric: run_bench.py substitutes ":n".
WORKLOADS += [
    # Issue 15: a `some` filter over the list of objects inside `data` (no GIN
    # index on the bench views, so both sides scan the posts of each user).
    Workload(
        name="some_filter",
        goal=0.95,
        query=('{ users(where: {posts: {some: {title: {endswith: "7"}, published: {eq: true}}}}, limit: 100) '
               "{ id email } }"),
        variables="NULL",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('users', "
            f"COALESCE(json_agg(json_build_object({_fields(USER3[:2], 'data')}) ORDER BY id), '[]'::json))) "
            "FROM (SELECT id, data FROM bench.v_user v WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(v.data->'posts') p "
            "WHERE p->>'title' LIKE '%7' AND (p->>'published')::boolean) ORDER BY id LIMIT 100) s"
        ),
    ),
    Workload(
        name="aggregate_group_by",
        goal=0.95,
        query=("{ salesAggregate(groupBy: [REGION], orderBy: [{count: DESC}]) { groups { keys { region } count "
               "sum { qty amount } avg { qty } max { amount } } } }"),
        variables="NULL",
        handwritten=(
            "SELECT json_build_object('data', json_build_object('salesAggregate', json_build_object('groups', "
            "COALESCE(json_agg(json_build_object('keys', json_build_object('region', r), 'count', c, "
            "'sum', json_build_object('qty', sq::text, 'amount', sa::text), 'avg', json_build_object('qty', aq), "
            "'max', json_build_object('amount', ma::text)) ORDER BY c DESC, r), '[]'::json)))) "
            "FROM (SELECT data->>'region' AS r, count(*) AS c, sum(CAST(data->>'qty' AS numeric)) AS sq, "
            "sum(CAST(data->>'amount' AS numeric)) AS sa, avg(CAST(data->>'qty' AS numeric))::float8 AS aq, "
            "max(CAST(data->>'amount' AS numeric)) AS ma FROM bench.v_sale GROUP BY 1) s"
        ),
    ),
]

# Per-call overhead on a cache hit: an empty view, against selecting it by hand.
EMPTY = Workload(
    name="empty_view",
    goal=0.0,
    query="{ empties { id } }",
    variables="NULL",
    handwritten="SELECT data FROM bench.v_empty",
)

# Cold path: a 30-field query (aliases of the user's fields), compiled on every call.
_COLD_FIELDS = " ".join(f"f{i}: {name}" for i, name in enumerate(
    ["id", "email", "firstName", "lastName", "loginCount", "createdAt"] * 5))
COLD_QUERY = "query($id: UUID!) { user(id: $id) { " + _COLD_FIELDS + " } }"
