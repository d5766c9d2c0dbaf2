"""fraiseql over HTTP: Starlette + uvicorn + an asyncpg pool.

    python3 examples/python/app.py --port 8000
    (DATABASE_URL=postgresql://app@host/db, or the PG* variables; POOL_SIZE=10)

POST/GET /graphql per the GraphQL-over-HTTP spec (the rules are in
graphql_http.py), GraphiQL at GET /graphql for browsers (after
graphiql/install.sh), GET /health for readiness. app_psycopg.py is the same app
over psycopg 3: only the driver class differs.
"""

import argparse
import logging
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import graphql_http

logger = logging.getLogger("fraiseql.http")
MAX_BODY_BYTES = 1024 * 1024
DRAIN_BYTES = 16 * MAX_BODY_BYTES
POOL_SIZE = int(os.environ.get("POOL_SIZE", "10"))
# GraphiQL's files, copied from npm packages by graphiql/install.sh.
GRAPHIQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphiql", "dist")


def wants_html(request: Request) -> bool:
    """A browser navigating to /graphql: a GET whose Accept names text/html."""
    if request.method != "GET":
        return False
    for part in request.headers.get("accept", "").split(","):
        media, _, params = part.partition(";")
        if media.strip().lower() != "text/html":
            continue
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


class AsyncpgDriver:
    """Runs graphql_http.STATEMENTS on an asyncpg pool; bytea comes back as bytes."""

    async def start(self):
        import asyncpg

        class Connection(asyncpg.Connection):
            # asyncpg resets every connection it takes back into the pool with one
            # more round trip (UNLISTEN, CLOSE ALL, RESET ALL, advisory unlock).
            # This app leaves no session state: it runs only fraiseql's statements,
            # and fraiseql.execute restores the settings it makes from `context`.
            # A connection given back inside a transaction is still rolled back.
            def _get_reset_query(self):
                return ""

        self.errors = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)
        # Behind pgbouncer in transaction mode add statement_cache_size=0.
        self.pool = await asyncpg.create_pool(dsn=os.environ.get("DATABASE_URL"), min_size=1, max_size=POOL_SIZE,
                                              connection_class=Connection)

    async def stop(self):
        await self.pool.close()

    async def run(self, statement, args):
        sql = graphql_http.STATEMENTS[statement]
        if statement in SHORT_STATEMENTS and args[2] is None and args[3] is None:
            sql, args = SHORT_STATEMENTS[statement], args[:2]
        async with self.pool.acquire() as connection:
            return await connection.fetchval(sql, *args)


# Most requests have no operation name and no context: leaving those two NULL
# parameters to the functions' defaults saves asyncpg about 20 us per call.
SHORT_STATEMENTS = {
    "execute": "SELECT fraiseql.execute($1, $2::jsonb)",
    "execute_persisted": "SELECT fraiseql.execute_persisted($1, $2::jsonb)",
}


async def read_body(request: Request):
    """The body, or None past MAX_BODY_BYTES (also when sent chunked). The rest
    is read and dropped (up to DRAIN_BYTES) so the client gets to read the 413."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= MAX_BODY_BYTES:
            chunks.append(chunk)
        elif size > DRAIN_BYTES:
            break
    return b"".join(chunks) if size <= MAX_BODY_BYTES else None


def create_app(driver) -> Starlette:
    async def graphql(request: Request) -> Response:
        if wants_html(request):
            index = os.path.join(GRAPHIQL_DIR, "index.html")
            if os.path.exists(index):
                return FileResponse(index, media_type="text/html; charset=utf-8")
            return HTMLResponse("<p>GraphiQL is not installed: run examples/python/graphiql/install.sh</p>", 404)
        body = b""
        if request.method == "POST":
            body = await read_body(request)
            if body is None:
                return Response(graphql_http.error_body("Request body too large"), 413, media_type="application/json")
        http_request = graphql_http.HttpRequest(
            method=request.method,
            headers={name.lower(): value for name, value in request.headers.items()},
            query_params=dict(request.query_params) if request.method == "GET" else {},  # POST reads the body only
            body=body,
        )
        try:
            response = await graphql_http.handle(http_request, driver.run)
        except driver.errors as error:
            # The SQL errors fraiseql raises on purpose (cancel, timeout,
            # serialization failure, deadlock) and lost connections.
            logger.error("graphql request failed: %r", error)
            return Response(graphql_http.error_body("Internal server error", "INTERNAL_SERVER_ERROR"), 500,
                            media_type="application/json")
        media_type = f"{response.content_type}; charset=utf-8" if response.content_type else None
        # response.body is fraiseql's bytea as it came from the database.
        return Response(response.body, response.status, headers=response.headers, media_type=media_type)

    async def health(request: Request) -> Response:
        await driver.run("persisted_text", [""])  # any round trip
        return Response(b"ok", media_type="text/plain")

    return Starlette(
        routes=[
            # Every method reaches the handler, so the others get a GraphQL-shaped 405.
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
            Route("/health", health),
            Mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR, check_dir=False)),
        ],
        on_startup=[driver.start],
        on_shutdown=[driver.stop],
    )


def main(application):
    import uvicorn

    parser = argparse.ArgumentParser(description="fraiseql over HTTP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()

    async def announce():
        # uvicorn at log level warning says nothing when it is up.
        print("listening on http://{}:{}/graphql".format(options.host, options.port), flush=True)

    application.router.on_startup.append(announce)
    uvicorn.run(application, host=options.host, port=options.port, log_level="warning")


app = create_app(AsyncpgDriver())

if __name__ == "__main__":
    main(app)
