"""The two pools GraphQLApp runs on: asyncpg's and psycopg 3's async pool."""

import asyncio
import collections
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


class HeldConnections:
    """Connections taken from an asyncpg pool once and kept between requests.

    asyncpg's acquire and release (a queue, a shielded release task, a reset
    check, an idle timer) cost about 35 us of CPU per request, as much as the
    query itself (bench/http/app_cpu.py); a free list costs next to nothing.
    At most `limit` connections are held, the pool's size less one, so the
    app's own uses of the pool always find one; every GraphQLApp on the pool
    shares them. A connection whose call failed or was cancelled goes back to
    the pool, which resets or replaces it. close() gives every held
    connection back; the pool's close() calls it first."""

    def __init__(self, pool, limit):
        self.pool, self.limit = pool, limit
        self.free = []
        self.waiters = collections.deque()
        self.held = 0
        self.closed = False

    async def run(self, call):
        connection = await self._take()
        try:
            result = await call(connection)
        except BaseException:
            await self._drop(connection)
            raise
        self._give(connection)
        return result

    async def close(self):
        self.closed = True
        free, self.free = self.free, []
        for connection in free:
            self.held -= 1
            await self.pool.release(connection)

    async def _take(self):
        while True:
            if self.free:
                return self.free.pop()
            if self.held < self.limit or self.closed:
                self.held += 1
                try:
                    return await self.pool.acquire()
                except BaseException:
                    self.held -= 1
                    self._wake(None)
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
            try:
                connection = await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled() and waiter.result() is not None:
                    self._give(waiter.result())  # handed over as this task was cancelled
                elif waiter in self.waiters:
                    self.waiters.remove(waiter)
                raise
            if connection is not None:
                return connection
            # None: a held connection was dropped, so one may be acquired in its place.

    def _give(self, connection):
        if self.closed:
            self.held -= 1
            asyncio.ensure_future(self.pool.release(connection))
        elif not self._wake(connection):
            self.free.append(connection)

    def _wake(self, connection):
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return True
        return False

    async def _drop(self, connection):
        self.held -= 1
        self._wake(None)
        try:
            await self.pool.release(connection)
        except Exception:  # the pool reports a broken connection; it replaces it on its own
            pass


class AsyncpgPool:
    def __init__(self, pool):
        import asyncpg

        self.pool = pool
        self.errors = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)
        held = getattr(pool, "held", None)  # a pool of create_asyncpg_pool's
        self.run = held.run if isinstance(held, HeldConnections) else self._acquire_and_run

    async def _acquire_and_run(self, call):
        async with self.pool.acquire() as connection:
            return await call(connection)

    async def serve(self, args):
        return tuple(await self.run(lambda connection: connection.fetchval(SERVE_RECORD, *args)))

    async def ping(self):
        await self.run(lambda connection: connection.fetchval("SELECT 1"))

    async def subscribe(self, args):
        return json.loads(await self.run(lambda connection: connection.fetchval(SUBSCRIBE, *args)))

    async def subscription_events(self, arrays):
        return [row[0] for row in await self.run(lambda connection: connection.fetch(EVENTS, *arrays))]

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
    if module.startswith("asyncpg") or isinstance(getattr(pool, "held", None), HeldConnections):
        return AsyncpgPool(pool)
    if module.startswith("psycopg"):
        return PsycopgPool(pool)
    raise TypeError("GraphQLApp needs an asyncpg Pool or a psycopg_pool AsyncConnectionPool, not " + repr(type(pool)))


def create_asyncpg_pool(dsn=None, **options):
    """An asyncpg pool (not awaited: `await pool` at the app's startup), as
    asyncpg.create_pool(dsn, **options) makes, with two changes for
    fraiseql.serve, which leaves no session state (it restores the settings
    it makes from `context`):
    - connections skip asyncpg's reset round trip (UNLISTEN, CLOSE ALL, RESET
      ALL, advisory unlock) when given back; one given back inside a
      transaction is still rolled back;
    - GraphQLApp keeps up to max_size - 1 of its connections between requests
      (HeldConnections); the pool's close() takes them back first.
    Behind pgbouncer in transaction mode add statement_cache_size=0."""
    import asyncpg

    class Connection(asyncpg.Connection):
        def _get_reset_query(self):
            return ""

    class Pool(asyncpg.pool.Pool):
        __slots__ = ("held",)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.held = HeldConnections(self, max(1, self.get_max_size() - 1))

        async def close(self):
            await self.held.close()
            await super().close()

        def terminate(self):
            self.held.closed = True
            super().terminate()

    settings = dict(min_size=10, max_size=10, max_queries=50000, max_inactive_connection_lifetime=300.0, setup=None,
                    init=None, loop=None, connection_class=Connection, record_class=asyncpg.Record)
    settings.update(options)
    return Pool(dsn, **settings)
