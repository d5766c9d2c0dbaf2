"""Subscriptions: one LISTEN connection per process, fanned out to subscribers.

fraiseql.subscribe(query, variables, operation_name, context) validates a
subscription and names the channels it listens on; for each notification on
one of them, fraiseql.subscription_event(query, variables, payload, context,
operation_name) answers the response bytes for that subscriber, or NULL when
the event is not for it (arguments, row-level security under its context, a
delete). This module holds the process-wide side: the listener connection, the
groups of subscribers that share one event call, the per-subscriber queues.
The two wire protocols (graphql-transport-ws, GraphQL over SSE) are in
transports.py.

Guarantees:
- Events are evaluated and delivered in the order the listener receives them,
  which is commit order (PostgreSQL sends NOTIFY at commit, in commit order).
  Several evaluation batches may run at once on the pool; delivery waits for
  them in order.
- Subscribers with the same (document, variables, operation name, context)
  form a group: one subscription_event call per event for the whole group.
  The distinct groups of a batch of events are evaluated in ONE statement
  (unnest of arrays), at most `batch_size` calls per statement.
- Each subscriber has a queue of `queue_size` events. A subscriber whose queue
  is full (its client reads more slowly than events arrive) is ended with
  LAGGED: its transport closes it with an error; it never silently misses an
  event and then carries on.
- When the listener connection is lost (database restart, failover, network),
  every subscriber is ended with RESTART: events committed meanwhile cannot be
  replayed, so clients resubscribe (and refetch what they show).
"""

import asyncio
import collections
import json
import logging
import time

logger = logging.getLogger("fraiseql_asgi")

LAGGED = "LAGGED"
RESTART = "RESTART"
ERROR = "ERROR"
SHUTDOWN = "SHUTDOWN"


class Ended:
    """The last item of a subscriber's queue: why it ends."""

    __slots__ = ("kind", "message")

    def __init__(self, kind, message):
        self.kind = kind
        self.message = message

    def errors(self):
        code = {LAGGED: "SUBSCRIPTION_LAGGED", RESTART: "SUBSCRIPTION_RESTART", SHUTDOWN: "SUBSCRIPTION_RESTART"}.get(
            self.kind, "INTERNAL_SERVER_ERROR")
        return [{"message": self.message, "extensions": {"code": code}}]


class Subscriber:
    """One client subscription. Its queue holds response bytes, then at most one Ended."""

    __slots__ = ("group", "queue", "ended")

    def __init__(self, queue_size):
        self.group = None
        self.queue = asyncio.Queue(queue_size + 1)  # + 1: room for the Ended marker
        self.ended = None

    def full(self):
        return self.queue.qsize() >= self.queue.maxsize - 1

    async def get(self):
        """The next response bytes, or an Ended."""
        return await self.queue.get()


class Group:
    __slots__ = ("key", "query", "variables", "operation_name", "context", "channels", "subscribers")

    def __init__(self, key, query, variables, operation_name, context, channels):
        self.key = key
        self.query = query
        self.variables = variables
        self.operation_name = operation_name
        self.context = context
        self.channels = channels
        self.subscribers = set()


def _canonical(value):
    return None if value is None else json.dumps(value, sort_keys=True, separators=(",", ":"))


class ListenerLost(Exception):
    pass


class Hub:
    """The process's subscriptions: a listener connection, groups, a dispatch pipeline.

    database: the pool adapter (pools.py). connect_listener: an async callable
    returning a new asyncpg connection, used only for LISTEN.
    """

    def __init__(self, database, connect_listener, queue_size=1000, batch_size=500, concurrency=2):
        self.database = database
        self.connect_listener = connect_listener
        self.queue_size = queue_size
        self.batch_size = batch_size
        self.groups = {}
        self.channel_groups = {}
        self.listener = None
        self.listening = set()
        self._connecting = asyncio.Lock()
        self._using_listener = asyncio.Lock()  # one statement at a time on the listener connection
        self._dirty = asyncio.Event()
        self._passed = asyncio.Event()
        self._events = collections.deque()
        self._events_ready = asyncio.Event()
        self._deliveries = asyncio.Queue()
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks = []
        self.counters = collections.Counter()

    # --- subscribers

    async def subscribe(self, query, variables, operation_name, context):
        """(Subscriber, None) once its channels are listened on, or (None, errors)."""
        variables_json = _canonical(variables)
        context_json = _canonical(context)
        answer = await self.database.subscribe((query, variables_json, operation_name, context_json))
        if "errors" in answer or "channels" not in answer:
            return None, answer.get("errors") or [{"message": "subscription refused"}]
        key = (query, variables_json, operation_name, context_json)
        subscriber = Subscriber(self.queue_size)
        try:
            listener = await self._connect()
            group = self.groups.get(key)
            if group is None:
                group = Group(key, query, variables_json, operation_name, context_json, tuple(answer["channels"]))
                self.groups[key] = group
                for channel in group.channels:
                    self.channel_groups.setdefault(channel, set()).add(group)
            group.subscribers.add(subscriber)
            subscriber.group = group
            self._dirty.set()
            while not all(channel in self.listening for channel in group.channels):
                passed = self._passed
                await passed.wait()
                if self.listener is not listener:
                    raise ListenerLost("the database connection for LISTEN was lost")
        except BaseException:
            self.unsubscribe(subscriber)
            raise
        self.counters["subscribed"] += 1
        return subscriber, None

    def unsubscribe(self, subscriber):
        group = subscriber.group
        if group is None:
            return
        subscriber.group = None
        group.subscribers.discard(subscriber)
        if not group.subscribers and self.groups.get(group.key) is group:
            del self.groups[group.key]
            for channel in group.channels:
                groups = self.channel_groups.get(channel)
                if groups is not None:
                    groups.discard(group)
                    if not groups:
                        del self.channel_groups[channel]
            self._dirty.set()

    def _end(self, subscriber, kind, message):
        if subscriber.ended is not None:
            return
        self.unsubscribe(subscriber)
        subscriber.ended = Ended(kind, message)
        if kind == LAGGED or subscriber.queue.full():
            while not subscriber.queue.empty():  # what it could not read in time is dropped: it gets the error
                subscriber.queue.get_nowait()
        subscriber.queue.put_nowait(subscriber.ended)

    def stats(self):
        return {
            "subscribers": sum(len(group.subscribers) for group in self.groups.values()),
            "groups": len(self.groups),
            "channels": sorted(self.listening),
            "listener_pid": self.listener.get_server_pid() if self.listener is not None else None,
            "pending_events": len(self._events),
            "most_queued": max((subscriber.queue.qsize() for group in self.groups.values()
                                for subscriber in group.subscribers), default=0),
            **self.counters,
        }

    # --- the listener connection

    async def _connect(self):
        if self.listener is not None:
            return self.listener
        async with self._connecting:
            if self.listener is None:
                listener = await self.connect_listener()
                listener.add_termination_listener(self._terminated)
                self.listener = listener
                self.listening = set()
                if not self._tasks:
                    loop = asyncio.get_running_loop()
                    self._tasks = [loop.create_task(self._listen_loop()), loop.create_task(self._evaluate_loop()),
                                   loop.create_task(self._deliver_loop())]
            return self.listener

    def _terminated(self, connection):
        if connection is self.listener:
            self._lost("The server lost its database connection for subscriptions: resubscribe")

    def _lost(self, message, kind=RESTART):
        """Every subscriber ends: events committed from now on until they
        resubscribe cannot reach them, and they must know it."""
        logger.warning("subscriptions: %s", message)
        self.counters["listener_lost"] += 1
        listener, self.listener = self.listener, None
        self.listening = set()
        self._events.clear()
        for group in list(self.groups.values()):
            for subscriber in list(group.subscribers):
                self._end(subscriber, kind, message)
        self.groups.clear()
        self.channel_groups.clear()
        self._signal_pass()
        if listener is not None and not listener.is_closed():
            listener.terminate()

    def _signal_pass(self):
        passed, self._passed = self._passed, asyncio.Event()
        passed.set()

    async def _listen_loop(self):
        """LISTEN on a channel while a group needs it, UNLISTEN when none does."""
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            listener = self.listener
            if listener is None:
                self._signal_pass()
                continue
            try:
                async with self._using_listener:
                    await self._listen_pass(listener)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the connection broke under LISTEN
                if listener is self.listener:
                    self._lost("The server lost its database connection for subscriptions (%s): resubscribe"
                               % type(error).__name__)
            self._signal_pass()

    async def _listen_pass(self, listener):
        wanted = set(self.channel_groups)
        for channel in sorted(wanted - self.listening):
            await listener.add_listener(channel, self._notified)
            self.listening.add(channel)
            self.counters["listen"] += 1
        for channel in sorted(self.listening - wanted):
            await listener.remove_listener(channel, self._notified)
            self.listening.discard(channel)
            self.counters["unlisten"] += 1

    async def database_listening(self):
        """pg_listening_channels() of the listener connection (for checks and monitoring)."""
        listener = self.listener
        if listener is None:
            return []
        async with self._using_listener:
            return sorted(row[0] for row in await listener.fetch("SELECT pg_listening_channels()"))

    def _notified(self, connection, pid, channel, payload):
        if connection is not self.listener:
            return
        self._events.append((channel, payload, time.monotonic()))
        self._events_ready.set()

    # --- events: evaluate in batches, deliver in arrival order

    async def _evaluate_loop(self):
        while True:
            await self._events_ready.wait()
            self._events_ready.clear()
            while self._events:
                pairs = []
                while self._events and len(pairs) < self.batch_size:
                    channel, payload, arrived = self._events.popleft()
                    groups = self.channel_groups.get(channel)
                    if not groups:
                        continue
                    try:
                        json.loads(payload)
                    except ValueError:
                        self.counters["foreign_notifications"] += 1
                        logger.warning("subscriptions: a notification on %s is not JSON; ignored", channel)
                        continue
                    self.counters["events"] += 1
                    pairs.extend((group, payload) for group in groups)
                for start in range(0, len(pairs), self.batch_size):
                    chunk = pairs[start:start + self.batch_size]
                    await self._slots.acquire()
                    task = asyncio.get_running_loop().create_task(self._evaluate(chunk))
                    task.add_done_callback(lambda _: self._slots.release())
                    self._deliveries.put_nowait((chunk, task))

    async def _evaluate(self, pairs):
        """One response (bytes or None) or an exception per (group, payload)."""
        arrays = ([g.query for g, _ in pairs], [g.variables for g, _ in pairs], [p for _, p in pairs],
                  [g.context for g, _ in pairs], [g.operation_name for g, _ in pairs])
        self.counters["event_statements"] += 1
        self.counters["event_calls"] += len(pairs)
        try:
            return await self.database.subscription_events(arrays)
        except self.database.errors as error:
            if len(pairs) == 1:
                return [error]
        # One call of the batch failed (or the connection did): each one alone,
        # so only the subscribers whose call fails get the error.
        results = []
        for pair in pairs:
            results.extend(await self._evaluate([pair]))
        return results

    async def _deliver_loop(self):
        while True:
            pairs, task = await self._deliveries.get()
            try:
                results = await task
            except Exception as error:  # not a database error: a bug; every subscriber of the batch hears of it
                logger.exception("subscriptions: evaluating events failed")
                results = [error] * len(pairs)
            for (group, _), result in zip(pairs, results):
                if result is None:
                    continue
                if isinstance(result, BaseException):
                    logger.error("subscriptions: subscription_event failed: %r", result)
                    for subscriber in list(group.subscribers):
                        self._end(subscriber, ERROR, "Evaluating a subscription event failed")
                    continue
                for subscriber in list(group.subscribers):
                    if subscriber.full():
                        self.counters["lagged"] += 1
                        self._end(subscriber, LAGGED, "Subscriber fell behind: more than %d events queued"
                                  % self.queue_size)
                    else:
                        subscriber.queue.put_nowait(result)
                        self.counters["delivered"] += 1

    async def close(self):
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except BaseException:
                pass
        self._tasks = []
        listener = self.listener
        self._lost("The server is shutting down: resubscribe", SHUTDOWN)
        if listener is not None:
            try:
                await listener.close(timeout=5)
            except Exception:
                pass
