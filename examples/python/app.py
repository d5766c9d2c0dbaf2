"""fraiseql over HTTP: Starlette + uvicorn + an asyncpg pool.

    python3 examples/python/app.py --port 8000
    (DATABASE_URL=postgresql://app@host/db, or the PG* variables; POOL_SIZE=10)

POST/GET /graphql: the request's method, URL query, Content-Type, Accept and
body go to fraiseql.serve, which does the whole GraphQL-over-HTTP protocol
and the request in one round trip; its status, Content-Type, Allow and body
come back untouched. GraphiQL at GET /graphql for browsers (after
graphiql/install.sh), GET /health for readiness. app_psycopg.py is the same
app over psycopg 3: only the driver class differs.
"""

import argparse
import json
import logging
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

logger = logging.getLogger("fraiseql.http")
MAX_BODY_BYTES = 1024 * 1024
DRAIN_BYTES = 16 * MAX_BODY_BYTES
POOL_SIZE = int(os.environ.get("POOL_SIZE", "10"))
# GraphiQL's files, copied from npm packages by graphiql/install.sh.
GRAPHIQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphiql", "dist")

# One round trip per request.
SERVE = "SELECT status, content_type, body, allow FROM fraiseql.serve($1, $2, $3, $4, $5, $6::jsonb)"

# A demo of the request context: these headers become keys of fraiseql's
# `context` (current_setting('app.<key>') in views and functions). A real
# deployment takes them from a verified token (a JWT checked by the app or its
# gateway), never from headers a client can set itself.
CONTEXT_HEADERS = {"x-tenant-id": "tenant_id", "x-user-id": "user_id"}


def request_context(request: Request):
    context = {key: request.headers[header] for header, key in CONTEXT_HEADERS.items() if request.headers.get(header)}
    return json.dumps(context) if context else None


def error_body(message: str, code: str = None) -> bytes:
    error = {"message": message}
    if code:
        error["extensions"] = {"code": code}
    return json.dumps({"errors": [error]}).encode()


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
    """Runs SERVE on an asyncpg pool; bytea comes back as bytes."""

    async def start(self):
        import asyncpg

        class Connection(asyncpg.Connection):
            # asyncpg resets every connection it takes back into the pool with one
            # more round trip (UNLISTEN, CLOSE ALL, RESET ALL, advisory unlock).
            # This app leaves no session state: it runs only fraiseql.serve,
            # which restores the settings it makes from `context`.
            # A connection given back inside a transaction is still rolled back.
            def _get_reset_query(self):
                return ""

        self.errors = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)
        # Behind pgbouncer in transaction mode add statement_cache_size=0.
        self.pool = await asyncpg.create_pool(dsn=os.environ.get("DATABASE_URL"), min_size=1, max_size=POOL_SIZE,
                                              connection_class=Connection)

    async def stop(self):
        await self.pool.close()

    async def serve(self, args):
        """(status, content_type, body, allow) of fraiseql.serve."""
        async with self.pool.acquire() as connection:
            return tuple(await connection.fetchrow(SERVE, *args))

    async def ping(self):
        async with self.pool.acquire() as connection:
            await connection.fetchval("SELECT 1")


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
                return Response(error_body("Request body too large"), 413,
                                media_type="application/json")
        args = (request.method, request.url.query, request.headers.get("content-type"),
                request.headers.get("accept"), body, request_context(request))
        try:
            status, content_type, response_body, allow = await driver.serve(args)
        except driver.errors as error:
            # The SQL errors fraiseql raises on purpose (cancel, timeout,
            # serialization failure, deadlock) and lost connections.
            logger.error("graphql request failed: %r", error)
            return Response(error_body("Internal server error", "INTERNAL_SERVER_ERROR"), 500,
                            media_type="application/json")
        headers = {"content-type": content_type}
        if allow:
            headers["allow"] = allow
        return Response(response_body, status, headers=headers)

    async def health(request: Request) -> Response:
        await driver.ping()  # any round trip
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
