"""The subscription wire protocols: graphql-transport-ws (npm graphql-ws) and
GraphQL over SSE in graphql-sse's distinct connections mode. Both sit on the
Hub (subscriptions.py); neither parses GraphQL: fraiseql.subscribe does."""

import asyncio
import json
import logging
import urllib.parse

from .subscriptions import ERROR, LAGGED, Ended, ListenerLost

logger = logging.getLogger("fraiseql_asgi")
GRAPHQL_TRANSPORT_WS = "graphql-transport-ws"


def _request_error(message):
    return json.dumps({"errors": [{"message": message}]}).encode()


def _errors_result(errors):
    return json.dumps({"errors": errors}, separators=(",", ":")).encode()


def _valid_payload(payload):
    return payload is None or isinstance(payload, dict)


# --- graphql-transport-ws

class WebSocketSession:
    """One WebSocket. Messages are read in order by one task; each subscription
    is a task that waits for its subscriber's queue and sends `next`s."""

    def __init__(self, app, scope, receive, send):
        self.app = app
        self.scope = scope
        self.receive = receive
        self.send = send
        self.init_received = False
        self.acknowledged = False
        self.context = None
        self.subscriptions = {}
        self.close_with = None

    async def run(self):
        message = await self.receive()
        if message["type"] != "websocket.connect":
            return
        if GRAPHQL_TRANSPORT_WS not in self.scope.get("subprotocols", ()):
            await self.send({"type": "websocket.accept"})
            await self.send({"type": "websocket.close", "code": 4406, "reason": "Subprotocol not acceptable"})
            return
        await self.send({"type": "websocket.accept", "subprotocol": GRAPHQL_TRANSPORT_WS})
        loop = asyncio.get_running_loop()
        self.reader = loop.create_task(self._read())
        timer = loop.create_task(self._init_timeout())
        try:
            try:
                await self.reader
            except asyncio.CancelledError:
                if self.close_with is None:
                    raise
        finally:
            timer.cancel()
            tasks = list(self.subscriptions.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if self.close_with is not None:
            code, reason = self.close_with
            try:
                # Bounded: a client that stopped reading may never take it (and
                # uvicorn's wsproto waits for the socket to drain first).
                await asyncio.wait_for(self.send({"type": "websocket.close", "code": code, "reason": reason}),
                                       self.app.connection_init_timeout + 5)
            except asyncio.TimeoutError:
                logger.warning("graphql-transport-ws: the close frame could not be sent in time")

    def close(self, code, reason):
        """Ends the session with this close code (the first one given wins)."""
        if self.close_with is None:
            self.close_with = (code, reason)
            if asyncio.current_task() is not self.reader:
                self.reader.cancel()

    async def _init_timeout(self):
        await asyncio.sleep(self.app.connection_init_timeout)
        if not self.init_received:
            self.close(4408, "Connection initialisation timeout")

    async def _send_json(self, message):
        await self.send({"type": "websocket.send", "text": json.dumps(message, separators=(",", ":"))})

    async def _read(self):
        while self.close_with is None:
            message = await self.receive()
            if message["type"] == "websocket.disconnect":
                return
            data = message.get("text")
            if data is None:
                data = (message.get("bytes") or b"").decode("utf-8", "replace")
            try:
                message = json.loads(data)
                kind = message["type"]
                if not isinstance(kind, str):
                    raise ValueError
            except (ValueError, TypeError, KeyError):
                return self.close(4400, "Invalid message received")
            if kind == "connection_init":
                if not _valid_payload(message.get("payload")):
                    return self.close(4400, "Invalid message received")
                if self.init_received:
                    return self.close(4429, "Too many initialisation requests")
                self.init_received = True
                try:
                    self.context = await self.app.context_for(dict(self.scope,
                                                                   connection_params=message.get("payload")))
                except PermissionError:
                    return self.close(4403, "Forbidden")
                except Exception:
                    logger.exception("graphql-transport-ws: the context hook failed")
                    return self.close(4500, "Internal server error")
                self.acknowledged = True
                await self._send_json({"type": "connection_ack"})
            elif kind == "ping":
                if not _valid_payload(message.get("payload")):
                    return self.close(4400, "Invalid message received")
                pong = {"type": "pong"}
                if message.get("payload"):
                    pong["payload"] = message["payload"]
                await self._send_json(pong)
            elif kind == "pong":
                if not _valid_payload(message.get("payload")):
                    return self.close(4400, "Invalid message received")
            elif kind == "subscribe":
                id_ = message.get("id")
                payload = message.get("payload")
                if (not isinstance(id_, str) or not id_ or not isinstance(payload, dict)
                        or not isinstance(payload.get("query"), str)
                        or not _valid_payload(payload.get("variables"))
                        or not (payload.get("operationName") is None or isinstance(payload["operationName"], str))
                        or not _valid_payload(payload.get("extensions"))):
                    return self.close(4400, "Invalid message received")
                if not self.acknowledged:
                    return self.close(4401, "Unauthorized")
                if id_ in self.subscriptions:
                    return self.close(4409, "Subscriber for %s already exists" % id_[:80])
                self.subscriptions[id_] = asyncio.get_running_loop().create_task(self._subscription(id_, payload))
            elif kind == "complete":
                id_ = message.get("id")
                if not isinstance(id_, str) or not id_:
                    return self.close(4400, "Invalid message received")
                task = self.subscriptions.pop(id_, None)
                if task is not None:
                    task.cancel()
            else:
                return self.close(4400, "Invalid message received")

    async def _subscription(self, id_, payload):
        subscriber = hub = None
        prefix = ('{"id":%s,"type":"next","payload":' % json.dumps(id_)).encode()
        try:
            try:
                hub = self.app.hub()
                subscriber, errors = await hub.subscribe(payload["query"], payload.get("variables"),
                                                         payload.get("operationName"), self.context)
            except ListenerLost:
                return self.close(1012, "Service restart: resubscribe")
            except Exception:  # the database is down, or no LISTEN connection can be made
                logger.exception("graphql-transport-ws: subscribe failed")
                errors = [{"message": "Internal server error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
            if errors is not None:
                return await self._send_json({"id": id_, "type": "error", "payload": errors})
            while True:
                item = await subscriber.get()
                if isinstance(item, Ended):
                    if item.kind in (LAGGED, ERROR):
                        # The operation ends with an error; other subscriptions
                        # of the socket go on.
                        return await self._send_json({"id": id_, "type": "error", "payload": item.errors()})
                    # The database connection or the server goes away: the
                    # client's graphql-ws reconnects and resubscribes (1012
                    # and 1001 are retried by it).
                    return self.close(1001 if item.kind == "SHUTDOWN" else 1012, item.message[:120])
                await self.send({"type": "websocket.send", "text": (prefix + item + b"}").decode()})
        finally:
            if subscriber is not None:
                hub.unsubscribe(subscriber)
            if self.subscriptions.get(id_) is asyncio.current_task():
                del self.subscriptions[id_]


# --- GraphQL over SSE, distinct connections mode

def wants_event_stream(accept):
    if not accept:
        return False
    return any(part.split(";")[0].strip().lower() == "text/event-stream" for part in accept.split(","))


def sse_params(method, query_string, content_type, body):
    """(query, variables, operation_name) or an error (status, message)."""
    if method == "GET":
        fields = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        params = {key: values[-1] for key, values in fields.items()}
        try:
            for key in ("variables", "extensions"):
                if params.get(key):
                    params[key] = json.loads(params[key])
                else:
                    params.pop(key, None)
        except ValueError:
            return 400, "Unparsable URL"
    elif "application/json" in (content_type or "").lower():
        try:
            params = json.loads(body)
        except ValueError:
            return 400, "Invalid JSON body"
        if not isinstance(params, dict):
            return 400, "JSON body must be an object"
    else:
        return 415, "Unsupported Media Type"
    query = params.get("query")
    if query is None:
        return 400, "Missing query"
    if not isinstance(query, str):
        return 400, "Invalid query"
    if not _valid_payload(params.get("variables")):
        return 400, "Invalid variables"
    if not _valid_payload(params.get("extensions")):
        return 400, "Invalid extensions"
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        return 400, "Invalid operationName"
    return query, params.get("variables"), operation_name or None


async def serve_sse(app, query, variables, operation_name, context, receive, send):
    try:
        hub = app.hub()
        subscriber, errors = await hub.subscribe(query, variables, operation_name, context)
    except ListenerLost:
        subscriber, errors = None, [{"message": "Service restart: resubscribe",
                                     "extensions": {"code": "SUBSCRIPTION_RESTART"}}]
    except Exception:  # the database is down, or no LISTEN connection can be made
        logger.exception("graphql-sse: subscribe failed")
        body = json.dumps({"errors": [{"message": "Internal server error",
                                       "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}).encode()
        await send({"type": "http.response.start", "status": 500,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
        return
    try:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream; charset=utf-8"),
                                (b"cache-control", b"no-cache"), (b"x-accel-buffering", b"no")]})
        await send({"type": "http.response.body", "body": b":\n\n", "more_body": True})
        if errors is not None:  # as graphql-sse does: a validation error is a `next`, then `complete`
            await send({"type": "http.response.body", "more_body": True,
                        "body": b"event: next\ndata: " + _errors_result(errors) + b"\n\n"})
        elif not await _pump(app, subscriber, receive, send):
            return  # the client went away
        await send({"type": "http.response.body", "body": b"event: complete\ndata:\n\n"})
    finally:
        if subscriber is not None:
            hub.unsubscribe(subscriber)


async def _pump(app, subscriber, receive, send):
    """Events until the subscriber ends (True) or the client goes (False);
    keep-alive comments between."""
    loop = asyncio.get_running_loop()
    disconnected = loop.create_task(_wait_disconnect(receive))
    try:
        while True:
            getter = loop.create_task(subscriber.get())
            done, _ = await asyncio.wait({getter, disconnected}, timeout=app.keepalive,
                                         return_when=asyncio.FIRST_COMPLETED)
            if disconnected in done:
                getter.cancel()
                return False
            if getter not in done:
                getter.cancel()
                await send({"type": "http.response.body", "body": b":\n\n", "more_body": True})
                continue
            item = getter.result()
            if isinstance(item, Ended):
                await send({"type": "http.response.body", "more_body": True,
                            "body": b"event: next\ndata: " + _errors_result(item.errors()) + b"\n\n"})
                return True
            await send({"type": "http.response.body", "body": b"event: next\ndata: " + item + b"\n\n",
                        "more_body": True})
    finally:
        disconnected.cancel()


async def _wait_disconnect(receive):
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
