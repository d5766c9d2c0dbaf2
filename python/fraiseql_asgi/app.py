"""GraphQLApp: the ASGI app. It reads the request as bytes, makes one
fraiseql.serve call and writes what comes back; nothing else runs per request
but the optional context hook."""

import inspect
import json
import logging
import os
import re

from .pools import adapt
from .subscriptions import Hub
from .transports import WebSocketSession, serve_sse, sse_params, wants_event_stream

logger = logging.getLogger("fraiseql_asgi")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# W3C Trace Context, version 00 only, lower-case hex, ids not all zero.
TRACEPARENT = re.compile(r"00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}")


def traceparent(scope):
    """The request's traceparent header when it is well formed, else None
    (a malformed one is ignored, as the W3C rules say). Only this header is
    read: fraiseql shows it as a sqlcommenter comment in pg_stat_activity and
    auto_explain."""
    values = [value for name, value in scope["headers"] if name == b"traceparent"]
    if len(values) != 1:
        return None
    value = values[0].decode("latin-1").strip()
    return value if TRACEPARENT.fullmatch(value) else None


def header_context(mapping):
    """A context hook for demos: request headers become context keys, e.g.
    header_context({"x-user-id": "user_id"}). A client sets its own headers:
    a real deployment takes the context from a verified token instead."""
    wanted = {name.lower().encode(): key for name, key in mapping.items()}

    def context(scope):
        found = {wanted[name]: value.decode("latin-1") for name, value in scope["headers"] if name in wanted}
        return found or None

    return context


def _error_body(message, code=None):
    error = {"message": message}
    if code:
        error["extensions"] = {"code": code}
    return json.dumps({"errors": [error]}).encode()


def _wants_html(method, accept):
    """A browser navigating to the endpoint: a GET whose Accept names text/html (q > 0)."""
    if method != "GET" or accept is None:
        return False
    for part in accept.split(","):
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


class GraphQLApp:
    """GraphQL over HTTP in front of fraiseql.serve.

    pool: an asyncpg Pool or a psycopg_pool AsyncConnectionPool (the app owns
    and opens it), or None to set `app.pool` later (asyncpg pools belong to
    the event loop they are created in: create them at startup). context: None, or a callable (sync or async) taking the
    ASGI scope and returning the request context (a dict, or None), e.g. the
    claims of a verified token. graphiql_dir: a directory with GraphiQL's
    index.html and its files, served to browsers (GET with Accept: text/html).
    Requests whose path ends in /health answer "ok" once the database does.

    Subscriptions (see README.md): WebSocket scopes speak graphql-transport-ws
    (mount with add_websocket_route too); a GET or POST whose Accept names
    text/event-stream is GraphQL over SSE (distinct connections mode).
    queue_size: events queued per subscriber before it is ended as too slow.
    connection_init_timeout: seconds a WebSocket may wait before connection_init.
    keepalive: seconds between SSE keep-alive comments. listen_connect: an async
    callable returning the asyncpg connection to LISTEN on (default: one made
    like the pool's; required with a psycopg pool). event_batch: most
    subscription_event calls per statement; event_concurrency: statements at once.
    """

    def __init__(self, pool=None, context=None, graphiql_dir=None, max_body_bytes=1024 * 1024,
                 queue_size=1000, connection_init_timeout=3.0, keepalive=12.0, listen_connect=None,
                 event_batch=500, event_concurrency=2):
        self.database = None
        self.pool = pool
        self.context = context
        self.context_is_async = inspect.iscoroutinefunction(context) or inspect.iscoroutinefunction(
            getattr(context, "__call__", None))
        self.graphiql_dir = graphiql_dir
        self.max_body_bytes = max_body_bytes
        self.queue_size = queue_size
        self.connection_init_timeout = connection_init_timeout
        self.keepalive = keepalive
        self.listen_connect = listen_connect
        self.event_batch = event_batch
        self.event_concurrency = event_concurrency
        self._hub = None
        self._static = None

    @property
    def pool(self):
        return self.database.pool if self.database else None

    @pool.setter
    def pool(self, pool):
        self.database = adapt(pool) if pool is not None else None

    def hub(self):
        """The process's subscription hub (made on first use)."""
        if self._hub is None:
            self._hub = Hub(self.database, self.listen_connect or self.database.listener_factory(),
                            queue_size=self.queue_size, batch_size=self.event_batch,
                            concurrency=self.event_concurrency)
        return self._hub

    def subscription_stats(self):
        """Subscribers, groups, channels listened on, the listener's backend pid, counters."""
        return self._hub.stats() if self._hub is not None else {"subscribers": 0, "groups": 0, "channels": []}

    async def close(self):
        """Ends every subscription (clients are told to resubscribe) and closes
        the LISTEN connection. Call it at shutdown, before closing the pool."""
        if self._hub is not None:
            hub, self._hub = self._hub, None
            await hub.close()

    def in_front_of(self, app, paths=("/graphql",)):
        """An ASGI app that sends HTTP and WebSocket requests for `paths`
        straight to this GraphQLApp and everything else (lifespan included) to
        `app`, e.g. a FastAPI app. Mounted as a route instead, every request
        also runs the framework's middleware stack and router: about 30 us of
        CPU per request under FastAPI (bench/http/app_cpu.py). Middleware added
        to `app` does not wrap `paths`: wrap the returned app instead."""
        return FrontApp(self, app, paths)

    async def context_for(self, scope):
        if self.context is None:
            return None
        return await self.context(scope) if self.context_is_async else self.context(scope)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":  # the pool is the app's: nothing to start
            message = await receive()
            if message["type"] == "lifespan.shutdown":
                await self.close()
            await send({"type": message["type"] + ".complete"})
            return
        if scope["type"] == "websocket":
            return await WebSocketSession(self, scope, receive, send).run()
        if scope["type"] != "http":
            return
        path = scope["path"]
        if path.endswith("/health"):
            await self.database.ping()
            return await _send(send, 200, b"text/plain; charset=utf-8", b"ok")
        if self.graphiql_dir and "/graphiql/" in path:
            return await self._graphiql_file(scope, receive, send)
        headers = dict(scope["headers"])
        accept = headers.get(b"accept")
        method = scope["method"]
        if self.graphiql_dir and _wants_html(method, accept.decode("latin-1") if accept else None):
            with open(os.path.join(self.graphiql_dir, "index.html"), "rb") as page:
                return await _send(send, 200, b"text/html; charset=utf-8", page.read())
        body = b""
        if method == "POST":
            body = await self._read_body(receive)
            if body is None:
                return await _send(send, 413, b"application/json", _error_body("Request body too large"))
        if method in ("GET", "POST") and wants_event_stream(accept.decode("latin-1") if accept else None):
            return await self._sse(scope, receive, send, method, headers, body)
        context = await self.context_for(scope)
        trace = traceparent(scope)
        if trace is not None and "traceparent" not in (context or {}):
            context = dict(context or {}, traceparent=trace)
        content_type = headers.get(b"content-type")
        args = (method, scope["query_string"].decode("latin-1"),
                content_type.decode("latin-1") if content_type is not None else None,
                accept.decode("latin-1") if accept is not None else None, body,
                json.dumps(context) if context is not None else None)
        try:
            status, response_type, response_body, allow = await self.database.serve(args)
        except self.database.errors as error:
            # The SQL errors fraiseql raises on purpose (cancel, timeout,
            # serialization failure, deadlock) and lost connections.
            logger.error("graphql request failed: %r", error)
            return await _send(send, 500, b"application/json",
                               _error_body("Internal server error", "INTERNAL_SERVER_ERROR"))
        extra = [(b"allow", allow.encode())] if allow else []
        await _send(send, status, response_type.encode(), response_body, extra)

    async def _sse(self, scope, receive, send, method, headers, body):
        content_type = headers.get(b"content-type")
        params = sse_params(method, scope["query_string"].decode("latin-1"),
                            content_type.decode("latin-1") if content_type is not None else None, body)
        if isinstance(params[0], int):
            return await _send(send, params[0], b"application/json; charset=utf-8", _error_body(params[1]))
        try:
            context = await self.context_for(scope)
        except PermissionError:
            return await _send(send, 403, b"application/json; charset=utf-8", _error_body("Forbidden"))
        await serve_sse(self, *params, context, receive, send)

    async def _read_body(self, receive):
        """The body, or None past max_body_bytes. Up to 16 times that is read and
        dropped, so the client gets to read the 413."""
        chunks, size = [], 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size <= self.max_body_bytes:
                chunks.append(chunk)
            if not message.get("more_body") or size > 16 * self.max_body_bytes:
                break
        return b"".join(chunks) if size <= self.max_body_bytes else None

    async def _graphiql_file(self, scope, receive, send):
        if self._static is None:
            from starlette.staticfiles import StaticFiles

            self._static = StaticFiles(directory=self.graphiql_dir)
        inner = dict(scope)
        inner["path"] = "/" + scope["path"].rsplit("/graphiql/", 1)[1]
        await self._static(inner, receive, send)


class FrontApp:
    """GraphQLApp.in_front_of's ASGI app; `app` is the one behind it."""

    def __init__(self, graphql, app, paths):
        self.graphql, self.app, self.paths = graphql, app, frozenset(paths)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "lifespan" and scope["path"] in self.paths:
            return await self.graphql(scope, receive, send)
        return await self.app(scope, receive, send)


async def _send(send, status, content_type, body, extra=()):
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    headers.extend(extra)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
