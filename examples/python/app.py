"""fraiseql over HTTP: a FastAPI app mounting fraiseql_asgi (python/) on an asyncpg pool.

    python3 examples/python/app.py --port 8000
    (DATABASE_URL=postgresql://app@host/db, or the PG* variables; POOL_SIZE=10)

/graphql: GraphQL over HTTP, one fraiseql.serve call per request; GraphiQL
there for browsers (after graphiql/install.sh); /health for readiness.
Subscriptions (a schema with @notify fields: docs/subscriptions.md) on the
same path: graphql-transport-ws over WebSocket, and SSE for requests that
accept text/event-stream (python/README.md).
app_psycopg.py is the same app over psycopg 3.
"""

import argparse
import os
import sys

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
from fraiseql_asgi import GraphQLApp, create_asyncpg_pool, header_context  # noqa: E402

POOL_SIZE = int(os.environ.get("POOL_SIZE", "10"))
GRAPHIQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "graphiql", "dist")
# The demo's context: these headers become fraiseql's `context`. A real app
# passes the claims of a verified token instead.
DEMO_CONTEXT = header_context({"X-Tenant-Id": "tenant_id", "X-User-Id": "user_id"})


def create_app(create_pool):
    """The app; the pool is made at startup by the coroutine create_pool()."""
    graphql = GraphQLApp(context=DEMO_CONTEXT, graphiql_dir=GRAPHIQL_DIR)

    async def start():
        graphql.pool = await create_pool()

    async def stop():
        await graphql.close()  # subscriptions and their LISTEN connection
        await graphql.pool.close()

    api = FastAPI(openapi_url=None, on_startup=[start], on_shutdown=[stop])
    api.mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR, check_dir=False))
    # /graphql (HTTP and WebSocket) and /health go straight to fraiseql_asgi,
    # without FastAPI's middleware and router; the app's own routes stay on api.
    return graphql.in_front_of(api, paths=("/graphql", "/health"))


def main(app):
    import uvicorn

    parser = argparse.ArgumentParser(description="fraiseql over HTTP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()

    async def announce():  # uvicorn at log level warning says nothing when it is up
        print("listening on http://{}:{}/graphql".format(options.host, options.port), flush=True)

    app.app.router.on_startup.append(announce)
    # Without permessage-deflate: compressing every subscription event for
    # every subscriber costs more than sending it (python/README.md).
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning", ws_per_message_deflate=False)


app = create_app(lambda: create_asyncpg_pool(os.environ.get("DATABASE_URL"), min_size=1, max_size=POOL_SIZE))

if __name__ == "__main__":
    main(app)
