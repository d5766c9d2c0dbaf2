"""handwritten_app.py: the end-to-end benchmark's baseline, the minimal app a
person would write without GraphQL: uvicorn + Starlette + an asyncpg pool, one
route per workload (GET /<workload>?id=... or ?since=...), each running the
best hand-written SQL of bench/sql/workloads.py and sending PostgreSQL's JSON
bytes untouched (json is read in binary: its bytes, not decoded).

    DATABASE_URL=postgresql://... python3 bench/http/handwritten_app.py --port 8001
    (POOL_SIZE=10, as examples/python/app.py)
"""

import argparse
import os
import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_workloads import HTTP_WORKLOADS  # noqa: E402

POOL_SIZE = int(os.environ.get("POOL_SIZE", "10"))


class Database:
    async def start(self):
        import asyncpg

        async def raw_json(connection):
            # json's binary form is its text: hand the bytes through as they are.
            await connection.set_type_codec("json", schema="pg_catalog", encoder=lambda b: b,
                                            decoder=lambda b: b, format="binary")

        class Connection(asyncpg.Connection):
            # As examples/python/app.py: no reset round trip when a connection goes
            # back to the pool (this app leaves no session state).
            def _get_reset_query(self):
                return ""

        self.pool = await asyncpg.create_pool(dsn=os.environ.get("DATABASE_URL"), min_size=1, max_size=POOL_SIZE,
                                              init=raw_json, connection_class=Connection)

    async def stop(self):
        await self.pool.close()


db = Database()


def route_for(w):
    sql = w.handwritten_sql

    async def endpoint(request: Request) -> Response:
        args = []
        if w.param is not None:
            value = request.query_params.get(w.param)
            if value is None:
                return Response(b'{"error":"missing parameter"}', 400, media_type="application/json")
            args.append(value)
        async with db.pool.acquire() as connection:
            body = await connection.fetchval(sql, *args)
        return Response(body, media_type="application/json")

    return Route("/" + w.name, endpoint)


async def health(request: Request) -> Response:
    async with db.pool.acquire() as connection:
        await connection.fetchval("SELECT 1")
    return Response(b"ok", media_type="text/plain")


async def noop(request: Request) -> Response:
    """No database: the ceiling of uvicorn + Starlette on this machine (a POST's body is read and dropped)."""
    await request.body()
    return Response(b'{"data":{}}', media_type="application/json")


app = Starlette(routes=[route_for(w) for w in HTTP_WORKLOADS] + [Route("/health", health), Route("/noop", noop, methods=["GET", "POST"])],
                on_startup=[db.start], on_shutdown=[db.stop])

if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser(description="hand-written SQL over HTTP (benchmark baseline)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    options = parser.parse_args()
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning")
