"""The subscriptions suite's server: fraiseql_asgi mounted in Starlette on uvicorn.

    python3 server.py --port 8000   (PG* variables; QUEUE_SIZE, INIT_TIMEOUT)

/graphql: HTTP, graphql-transport-ws and SSE. Context: the WebSocket's
connection_init payload {"tenant": ...}, or the X-Tenant-Id header over HTTP
(a test stand-in for a verified token); tenant "forbidden" is refused.
/stats: the app's subscription_stats() plus what the database says of the
listener connection (pg_listening_channels() on it) and the server's pid.
"""

import argparse
import json
import os

import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute

from fraiseql_asgi import GraphQLApp, create_asyncpg_pool


def tenant_context(scope):
    if scope["type"] == "websocket":
        tenant = (scope.get("connection_params") or {}).get("tenant")
    else:
        tenant = dict(scope["headers"]).get(b"x-tenant-id", b"").decode() or None
    if tenant == "forbidden":
        raise PermissionError(tenant)
    return {"tenant_id": tenant} if tenant else None


graphql = GraphQLApp(context=tenant_context, queue_size=int(os.environ.get("QUEUE_SIZE", "1000")),
                     connection_init_timeout=float(os.environ.get("INIT_TIMEOUT", "3")))


async def stats(request):
    result = graphql.subscription_stats()
    if graphql._hub is not None:
        result["database_listening"] = await graphql._hub.database_listening()
    result["server_pid"] = os.getpid()
    result["pool_pids"] = [row[0] for row in await graphql.pool.fetch(
        "SELECT pid FROM pg_stat_activity WHERE usename = current_user AND datname = current_database()")]
    return Response(json.dumps(result), media_type="application/json")


async def tasks(request):
    """Every asyncio task's stack: what a stuck server is waiting for."""
    import asyncio
    import io

    out = io.StringIO()
    for task in asyncio.all_tasks():
        task.print_stack(limit=8, file=out)
    return Response(out.getvalue(), media_type="text/plain")


async def start():
    size = int(os.environ.get("POOL_SIZE", "4"))  # fixed: the leak check follows the same backends
    graphql.pool = await create_asyncpg_pool(min_size=size, max_size=size)


async def stop():
    await graphql.close()
    await graphql.pool.close()


app = Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
                        WebSocketRoute("/graphql", graphql), Route("/stats", stats), Route("/tasks", tasks), Route("/health", graphql)],
                on_startup=[start], on_shutdown=[stop])

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    options = parser.parse_args()
    # WS_DEFLATE=0: no permessage-deflate (the benchmark compares both)
    uvicorn.run(app, host="127.0.0.1", port=options.port, log_level="warning", ws="wsproto",
                ws_per_message_deflate=os.environ.get("WS_DEFLATE", "1") != "0")
