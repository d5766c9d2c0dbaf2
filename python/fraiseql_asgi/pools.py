"""The two pools GraphQLApp runs on: asyncpg's and psycopg 3's async pool."""

import json
import re

SERVE = "SELECT status, content_type, body, allow FROM fraiseql.serve($1, $2, $3, $4, $5, $6::jsonb)"
# The same answer as one composite column: no FunctionScan and its tuplestore
# (about 10k fewer backend instructions a request); asyncpg decodes the record.
SERVE_RECORD = "SELECT fraiseql.serve($1, $2, $3, $4, $5, $6::jsonb)"
SUBSCRIBE = "SELECT fraiseql.subscribe($1, $2::jsonb, $3, $4::jsonb)::text"
# The events of a batch, one subscription_event call per (group, event), in one round trip.
EVENTS = ("SELECT fraiseql.subscription_event(q, v, p, c, o) FROM unnest($1::text[], $2::text[]::jsonb[], "
          "$3::text[]::jsonb[], $4::text[]::jsonb[], $5::text[]) WITH ORDINALITY AS u(q, v, p, c, o, n) ORDER BY n")


class AsyncpgPool:
    def __init__(self, pool):
        import asyncpg

        self.pool = pool
        self.errors = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)

    async def serve(self, args):
        async with self.pool.acquire() as connection:
            return tuple(await connection.fetchval(SERVE_RECORD, *args))

    async def ping(self):
        async with self.pool.acquire() as connection:
            await connection.fetchval("SELECT 1")

    async def subscribe(self, args):
        async with self.pool.acquire() as connection:
            return json.loads(await connection.fetchval(SUBSCRIBE, *args))

    async def subscription_events(self, arrays):
        async with self.pool.acquire() as connection:
            return [row[0] for row in await connection.fetch(EVENTS, *arrays)]

    def listener_factory(self):
        """A new connection made like the pool's (asyncpg keeps its connect
        arguments in private attributes: pass listen_connect if they move)."""
        import asyncpg

        args, kwargs = self.pool._connect_args, self.pool._connect_kwargs

        def connect():
            return asyncpg.connect(*args, **kwargs)

        return connect


class PsycopgPool:
    SQL = re.sub(r"\$\d+", "%s", SERVE)

    def __init__(self, pool):
        import psycopg

        self.pool = pool
        self.errors = (psycopg.Error, OSError)

    async def serve(self, args):
        async with self.pool.connection() as connection:
            # Binary results: the bytea arrives as its bytes, not as hex text.
            return await (await connection.execute(self.SQL, args, binary=True)).fetchone()

    async def ping(self):
        async with self.pool.connection() as connection:
            await connection.execute("SELECT 1")

    async def subscribe(self, args):
        async with self.pool.connection() as connection:
            return json.loads((await (await connection.execute(re.sub(r"\$\d+", "%s", SUBSCRIBE), args)).fetchone())[0])

    async def subscription_events(self, arrays):
        async with self.pool.connection() as connection:
            cursor = await connection.execute(re.sub(r"\$\d+", "%s", EVENTS), arrays, binary=True)
            return [None if row[0] is None else bytes(row[0]) for row in await cursor.fetchall()]

    def listener_factory(self):
        """An asyncpg connection for LISTEN (asyncpg reads the same PG* variables
        as libpq; it takes a postgresql:// URL but not a key=value conninfo)."""
        import asyncpg

        conninfo = self.pool.conninfo
        if conninfo and not conninfo.startswith(("postgres://", "postgresql://")):
            raise TypeError("subscriptions over a psycopg pool with a key=value conninfo need listen_connect: "
                            "an async callable returning an asyncpg connection to LISTEN on")

        def connect():
            return asyncpg.connect(conninfo or None)

        return connect


def adapt(pool):
    """The adapter for an asyncpg Pool or a psycopg AsyncConnectionPool."""
    module = type(pool).__module__
    if module.startswith("asyncpg"):
        return AsyncpgPool(pool)
    if module.startswith("psycopg"):
        return PsycopgPool(pool)
    raise TypeError("GraphQLApp needs an asyncpg Pool or a psycopg_pool AsyncConnectionPool, not " + repr(type(pool)))


def create_asyncpg_pool(dsn=None, **options):
    """asyncpg.create_pool(dsn, **options) (not awaited: `await pool` at the
    app's startup), with connections that skip asyncpg's reset round trip
    (UNLISTEN, CLOSE ALL, RESET ALL, advisory unlock) when given back:
    fraiseql.serve leaves no session state (it restores the settings it makes
    from `context`). A connection given back inside a transaction is still
    rolled back. Behind pgbouncer in transaction mode add statement_cache_size=0."""
    import asyncpg

    class Connection(asyncpg.Connection):
        def _get_reset_query(self):
            return ""

    options.setdefault("connection_class", Connection)
    return asyncpg.create_pool(dsn=dsn, **options)
